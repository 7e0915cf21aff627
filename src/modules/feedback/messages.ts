import type { Catalog } from "../../platform/i18n/i18n.js";

const de = {
  "feedback.mail.subject": "Ihre Meinung zum Fachtag: {event}",
  "feedback.mail.greeting": "Guten Tag {name},",
  "feedback.mail.intro":
    "vielen Dank für Ihre Teilnahme am Fachtag „{event}“ am {date}. Wie war es? Ihre Rückmeldung hilft uns, den nächsten Fachtag besser zu machen. Die Umfrage dauert etwa drei Minuten:",
  "feedback.mail.anonymous":
    "Die Umfrage ist anonym: Ihre Antworten werden ohne Bezug zu Ihrer Person gespeichert. Der Link gilt für eine einzige Antwort.",
  "feedback.mail.closing": "Mit freundlichen Grüßen",

  "feedback.error.answered":
    "Mit diesem Link wurde bereits geantwortet. Jeder Link gilt für eine Antwort – vielen Dank!",
  "feedback.error.unknown":
    "Diesen Umfrage-Link kennen wir nicht. Einen Link bekommen nach dem Fachtag alle, die dort anwesend waren, per E-Mail. Bitte prüfen Sie, ob der Link vollständig ist.",
  "feedback.error.locked": "Der Fragebogen lässt sich nicht mehr ändern: Es liegen bereits Antworten vor.",
  "feedback.error.full": "Ein Fragebogen hat höchstens 30 Fragen.",
  "feedback.error.notOver": "Die Umfrage-Links können erst nach dem Ende des Fachtags verschickt werden.",

  "feedback.validation.scale": "Bitte wählen Sie einen Wert von 1 bis 5.",
  "feedback.validation.choice": "Bitte wählen Sie eine der angebotenen Antworten.",
  "feedback.validation.required": "Bitte beantworten Sie diese Frage.",
  "feedback.validation.kind": "Bitte wählen Sie eine Art der Frage.",
  "feedback.validation.optionTooLong": "Eine Antwortmöglichkeit hat höchstens 120 Zeichen.",
  "feedback.validation.tooManyOptions": "Höchstens {max} Antwortmöglichkeiten.",
  "feedback.validation.duplicateOptions": "Jede Antwortmöglichkeit darf nur einmal vorkommen.",
  "feedback.validation.twoOptions": "Bitte geben Sie mindestens zwei Antwortmöglichkeiten an, eine je Zeile.",

  "feedback.kind.scale": "Skala 1–5",
  "feedback.kind.single": "Einfachauswahl",
  "feedback.kind.multiple": "Mehrfachauswahl",
  "feedback.kind.workshop": "Besuchter Workshop (Ergebnisse je Workshop)",
  "feedback.kind.text": "Freitext",

  "feedback.answer.title": "Umfrage: {event}",
  "feedback.answer.heading": "Ihre Meinung zum Fachtag",
  "feedback.answer.intro":
    "Die Umfrage ist anonym: Wir speichern Ihre Antworten ohne Ihren Namen, ohne Ihre E-Mail-Adresse und ohne Uhrzeit. Mit dem Link lässt sich einmal antworten.",
  "feedback.answer.submit": "Antworten absenden",
  "feedback.answer.multipleHint": "Sie können mehrere Antworten wählen.",
  "feedback.answer.scaleHint": "1 = {low}, 5 = {high}",
  "feedback.answer.textHint": "Höchstens {max} Zeichen. Bitte nennen Sie keine Namen.",

  "feedback.thanks.heading": "Vielen Dank für Ihre Rückmeldung",
  "feedback.thanks.text": "Ihre Antworten sind gespeichert – anonym. Der Link ist damit verbraucht.",

  "feedback.page.title": "Feedback-Umfrage: {event}",
  "feedback.page.heading": "Feedback-Umfrage",
  "feedback.page.back": "Zurück zu den Anmeldungen",
  "feedback.page.intro":
    "Nach dem Fachtag bekommen alle, die am Einlass als anwesend erfasst wurden, einen persönlichen Link zur anonymen Umfrage. Gespeichert wird nur, dass ein Link existiert, nicht wem er gehört; die Antworten enthalten keinen Bezug zur Person.",
  "feedback.page.counts": "{present} anwesend, {invited} Links verschickt, {answers} Antworten",
  "feedback.page.results": "Ergebnisse ansehen",
  "feedback.page.sendHeading": "Links verschicken",
  "feedback.page.notOver": "Die Links können nach dem Ende des Fachtags verschickt werden.",
  "feedback.page.nobodyPresent": "Noch niemand wurde als anwesend erfasst.",
  "feedback.page.allSent": "Alle Anwesenden haben ihren Link bekommen.",
  "feedback.page.sendHint": "{count} Anwesende haben noch keinen Link. Jede Person bekommt ihn nur einmal.",
  "feedback.page.send": "Umfrage-Links verschicken",

  "feedback.editor.heading": "Fragebogen",
  "feedback.editor.locked":
    "Es liegen Antworten vor: Der Fragebogen bleibt, wie er ist, damit alle dieselben Fragen beantworten.",
  "feedback.editor.isDefault":
    "Das ist der Standardfragebogen. Sie können Fragen löschen, verschieben und eigene hinzufügen, bis die erste Antwort eingeht.",
  "feedback.editor.changed": "Der Fragebogen lässt sich ändern, bis die erste Antwort eingeht.",
  "feedback.editor.reset": "Standardfragebogen wiederherstellen",
  "feedback.editor.addHeading": "Frage hinzufügen",
  "feedback.editor.kind": "Art der Frage",
  "feedback.editor.text": "Frage",
  "feedback.editor.options": "Antwortmöglichkeiten",
  "feedback.editor.optionsHint": "Nur bei Einfach- und Mehrfachauswahl: eine je Zeile, höchstens 12.",
  "feedback.editor.low": "Bezeichnung für 1",
  "feedback.editor.lowHint": "Nur bei der Skala, z. B. „sehr unzufrieden“ (das ist auch die Vorgabe).",
  "feedback.editor.high": "Bezeichnung für 5",
  "feedback.editor.requiredBox": "Antwort erforderlich",
  "feedback.editor.add": "Frage hinzufügen",
  "feedback.editor.scaleDetails": "1 = {low}, 5 = {high}",
  "feedback.editor.noWorkshops": "Dieser Fachtag hat keine Workshops: Die Frage wird nicht gezeigt.",
  "feedback.editor.required": "erforderlich",
  "feedback.editor.up": "Frage {n} nach oben",
  "feedback.editor.down": "Frage {n} nach unten",
  "feedback.editor.remove": "Frage {n} löschen",

  "feedback.flash.added": "Die Frage wurde hinzugefügt.",
  "feedback.flash.removed": "Die Frage wurde gelöscht.",
  "feedback.flash.reset": "Der Standardfragebogen ist wiederhergestellt.",
  "feedback.flash.noneSent": "Es waren keine Links zu verschicken: Alle Anwesenden haben ihren schon.",
  "feedback.flash.sent": "{count} Umfrage-Links wurden verschickt.",

  "feedback.results.title": "Umfrageergebnisse: {event}",
  "feedback.results.heading": "Ergebnisse der Feedback-Umfrage",
  "feedback.results.back": "Zurück zur Umfrage",
  "feedback.results.total": "Antworten insgesamt: {count}",
  "feedback.results.csv": "Antworten als CSV",
  "feedback.results.xlsx": "Antworten als Excel-Datei",
  "feedback.results.none": "Es liegen noch keine Antworten vor.",
  "feedback.results.answered": "Beantwortet: {count}",
  "feedback.results.mean": "Mittelwert: {mean}",
  "feedback.results.noTexts": "Zu dieser Frage gibt es keine Antworten.",
  "feedback.results.chartDescription":
    "Balkendiagramm der Anzahl der Antworten je Wert; {count} Antworten. Die Zahlen stehen in der Tabelle daneben.",
  "feedback.results.count": "Anzahl",
  "feedback.results.tableCaption": "Antworten auf „{question}“",
  "feedback.results.value": "Wert",
  "feedback.results.option": "Antwort",
  "feedback.results.share": "Anteil",
  "feedback.results.byWorkshop": "„{question}“ je Workshop",
  "feedback.results.workshop": "Workshop",
  "feedback.results.answers": "Antworten",
  "feedback.results.meanCol": "Mittelwert",
};

const en: Record<keyof typeof de, string> = {
  "feedback.mail.subject": "Your view of the Fachtag: {event}",
  "feedback.mail.greeting": "Dear {name},",
  "feedback.mail.intro":
    "thank you for attending the Fachtag “{event}” on {date}. How was it? Your feedback helps us make the next one better. The survey takes about three minutes:",
  "feedback.mail.anonymous":
    "The survey is anonymous: your answers are stored without any link to you. The link is good for one answer.",
  "feedback.mail.closing": "Kind regards",

  "feedback.error.answered": "This link has already been used to answer. Each link is good for one answer – thank you!",
  "feedback.error.unknown":
    "We do not know this survey link. Everybody present at the Fachtag gets a link by e-mail afterwards. Please check that the link is complete.",
  "feedback.error.locked": "The questionnaire can no longer be changed: answers have come in.",
  "feedback.error.full": "A questionnaire has at most 30 questions.",
  "feedback.error.notOver": "The survey links can be sent once the Fachtag is over.",

  "feedback.validation.scale": "Please choose a value from 1 to 5.",
  "feedback.validation.choice": "Please choose one of the answers offered.",
  "feedback.validation.required": "Please answer this question.",
  "feedback.validation.kind": "Please choose a kind of question.",
  "feedback.validation.optionTooLong": "An option has at most 120 characters.",
  "feedback.validation.tooManyOptions": "At most {max} options.",
  "feedback.validation.duplicateOptions": "Each option may appear only once.",
  "feedback.validation.twoOptions": "Please give at least two options, one per line.",

  "feedback.kind.scale": "Scale 1–5",
  "feedback.kind.single": "Single choice",
  "feedback.kind.multiple": "Multiple choice",
  "feedback.kind.workshop": "Workshop attended (results per workshop)",
  "feedback.kind.text": "Free text",

  "feedback.answer.title": "Survey: {event}",
  "feedback.answer.heading": "Your view of the Fachtag",
  "feedback.answer.intro":
    "The survey is anonymous: we store your answers without your name, without your e-mail address and without a time. The link lets you answer once.",
  "feedback.answer.submit": "Send answers",
  "feedback.answer.multipleHint": "You may choose several answers.",
  "feedback.answer.scaleHint": "1 = {low}, 5 = {high}",
  "feedback.answer.textHint": "At most {max} characters. Please name nobody.",

  "feedback.thanks.heading": "Thank you for your feedback",
  "feedback.thanks.text": "Your answers are stored – anonymously. The link has now been used.",

  "feedback.page.title": "Feedback survey: {event}",
  "feedback.page.heading": "Feedback survey",
  "feedback.page.back": "Back to the registrations",
  "feedback.page.intro":
    "After the Fachtag everybody checked in at the entrance gets a personal link to the anonymous survey. We only store that a link exists, not whose it is; answers hold no link to a person.",
  "feedback.page.counts": "{present} present, {invited} links sent, {answers} answers",
  "feedback.page.results": "See the results",
  "feedback.page.sendHeading": "Send the links",
  "feedback.page.notOver": "The links can be sent once the Fachtag is over.",
  "feedback.page.nobodyPresent": "Nobody has been checked in yet.",
  "feedback.page.allSent": "Everybody present has had their link.",
  "feedback.page.sendHint": "{count} people present have no link yet. Each person gets it once only.",
  "feedback.page.send": "Send survey links",

  "feedback.editor.heading": "Questionnaire",
  "feedback.editor.locked":
    "Answers have come in: the questionnaire stays as it is, so that everybody answers the same questions.",
  "feedback.editor.isDefault":
    "This is the default questionnaire. You can delete and move questions and add your own until the first answer comes in.",
  "feedback.editor.changed": "The questionnaire can be changed until the first answer comes in.",
  "feedback.editor.reset": "Restore the default questionnaire",
  "feedback.editor.addHeading": "Add a question",
  "feedback.editor.kind": "Kind of question",
  "feedback.editor.text": "Question",
  "feedback.editor.options": "Options",
  "feedback.editor.optionsHint": "Single and multiple choice only: one per line, at most 12.",
  "feedback.editor.low": "Label for 1",
  "feedback.editor.lowHint": "Scale only, e.g. “very dissatisfied” (the default in German).",
  "feedback.editor.high": "Label for 5",
  "feedback.editor.requiredBox": "Answer required",
  "feedback.editor.add": "Add question",
  "feedback.editor.scaleDetails": "1 = {low}, 5 = {high}",
  "feedback.editor.noWorkshops": "This Fachtag has no workshops: the question is not shown.",
  "feedback.editor.required": "required",
  "feedback.editor.up": "Move question {n} up",
  "feedback.editor.down": "Move question {n} down",
  "feedback.editor.remove": "Delete question {n}",

  "feedback.flash.added": "The question was added.",
  "feedback.flash.removed": "The question was deleted.",
  "feedback.flash.reset": "The default questionnaire is back.",
  "feedback.flash.noneSent": "There were no links to send: everybody present has theirs already.",
  "feedback.flash.sent": "{count} survey links were sent.",

  "feedback.results.title": "Survey results: {event}",
  "feedback.results.heading": "Results of the feedback survey",
  "feedback.results.back": "Back to the survey",
  "feedback.results.total": "Answers in all: {count}",
  "feedback.results.csv": "Answers as CSV",
  "feedback.results.xlsx": "Answers as Excel file",
  "feedback.results.none": "No answers yet.",
  "feedback.results.answered": "Answered: {count}",
  "feedback.results.mean": "Mean: {mean}",
  "feedback.results.noTexts": "Nobody answered this question.",
  "feedback.results.chartDescription":
    "Bar chart of the number of answers per value; {count} answers. The numbers are in the table beside it.",
  "feedback.results.count": "Count",
  "feedback.results.tableCaption": "Answers to “{question}”",
  "feedback.results.value": "Value",
  "feedback.results.option": "Answer",
  "feedback.results.share": "Share",
  "feedback.results.byWorkshop": "“{question}” per workshop",
  "feedback.results.workshop": "Workshop",
  "feedback.results.answers": "Answers",
  "feedback.results.meanCol": "Mean",
};

export const feedbackMessages: Catalog = { de, en };
