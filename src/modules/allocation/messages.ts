import type { Catalog } from "../../platform/i18n/i18n.js";

const de = {
  "allocation.title": "Workshopzuteilung: {event}",
  "allocation.link": "Workshopzuteilung",
  "allocation.linkHint": "Wünsche auswerten, Plätze zuteilen und veröffentlichen",
  "allocation.back": "Zurück zu den Anmeldungen",
  "allocation.state.heading": "Stand",
  "allocation.state.none":
    "Noch keine Zuteilung berechnet. {participants} bestätigte Anmeldungen mit Wünschen liegen vor.",
  "allocation.state.draft":
    "Entwurf vom {at}: noch nicht veröffentlicht. Die Teilnehmenden sehen ihn nicht; Sie können neu berechnen.",
  "allocation.state.published":
    "Veröffentlicht am {at}. Alle Teilnehmenden der Zuteilung wurden per E-Mail informiert.",
  "allocation.seedShown": "Startwert {seed} – mit demselben Startwert ergibt sich dieselbe Zuteilung.",
  "allocation.newSince": "{count} Anmeldungen seit der letzten Zuteilung – bitte neu berechnen.",
  "allocation.changed": "Wünsche, Absagen oder Plätze haben sich seit der Berechnung geändert – bitte neu berechnen.",
  "allocation.run.heading": "Zuteilung berechnen",
  "allocation.run.intro":
    "Die Berechnung vergibt je Zeitfenster so viele Plätze wie möglich und darunter möglichst gute Wünsche. Bei Gleichstand haben Personen Vorrang, die in einem früheren Zeitfenster einen schlechteren Wunsch bekommen haben; danach entscheidet ein Losverfahren mit dem Startwert.",
  "allocation.run.seed": "Startwert",
  "allocation.run.seedHint": "Leer lassen für einen zufälligen Startwert. Eine ganze Zahl von 0 bis 4294967295.",
  "allocation.run.seedInvalid": "Bitte eine ganze Zahl von 0 bis 4294967295 eingeben.",
  "allocation.run.submit": "Zuteilung berechnen",
  "allocation.run.done":
    "Die Zuteilung wurde berechnet (Startwert {seed}). Prüfen Sie sie und veröffentlichen Sie sie dann.",
  "allocation.stats.heading": "Statistik",
  "allocation.stats.ranks": "Erfüllte Wünsche",
  "allocation.stats.rank": "{rank}. Wunsch",
  "allocation.stats.byHand": "von Hand zugeteilt",
  "allocation.stats.unplaced": "ohne Platz",
  "allocation.stats.count": "Anzahl",
  "allocation.stats.share": "Anteil",
  "allocation.stats.summary":
    "{assigned} von {pairs} Platzwünschen (Person und Zeitfenster) erfüllt, {unassigned} ohne Platz; {participants} Personen in der Zuteilung.",
  "allocation.stats.workshops": "Nachfrage und Plätze je Workshop",
  "allocation.stats.workshop": "Workshop",
  "allocation.stats.slot": "Zeitfenster",
  "allocation.stats.places": "Plätze",
  "allocation.stats.firstWish": "Erstwünsche",
  "allocation.stats.anyWish": "Alle Wünsche",
  "allocation.stats.placed": "Zugeteilt",
  "allocation.chart.title": "Plätze, Erstwünsche und Zuteilungen je Workshop",
  "allocation.chart.desc":
    "Balkendiagramm: für jeden Workshop die Zahl der Plätze, der Erstwünsche und der Zuteilungen. Die Zahlen stehen auch in der Tabelle.",
  "allocation.rankChart.title": "Erfüllte Wünsche nach Rang",
  "allocation.rankChart.desc":
    "Balkendiagramm: wie viele Platzwünsche mit dem 1., 2., 3. Wunsch erfüllt wurden und wie viele ohne Platz blieben. Die Zahlen stehen auch in der Tabelle.",
  "allocation.unplaced.heading": "Ohne Platz ({count})",
  "allocation.unplaced.none": "Alle Personen haben in jedem Zeitfenster mit Wünschen einen Platz.",
  "allocation.unplaced.intro":
    "Für diese Personen war in einem Zeitfenster keiner ihrer Wünsche frei. Teilen Sie sie von Hand einem Workshop mit freien Plätzen zu, oder fragen Sie nach.",
  "allocation.unplaced.workshop": "Workshop für {name}, {slot}",
  "allocation.unplaced.choose": "Workshop wählen",
  "allocation.unplaced.free": "{title} (noch {free} frei)",
  "allocation.unplaced.noneFree": "In diesem Zeitfenster hat kein Workshop mehr freie Plätze.",
  "allocation.unplaced.submit": "Zuteilen",
  "allocation.unplaced.done": "{name} wurde von Hand zugeteilt.",
  "allocation.results.heading": "Ergebnis je Person ({count})",
  "allocation.results.name": "Name",
  "allocation.results.noPlace": "kein Platz",
  "allocation.results.noWish": "–",
  "allocation.results.withRank": "{title} ({rank}. Wunsch)",
  "allocation.results.byHand": "{title} (von Hand)",
  "allocation.publish.heading": "Veröffentlichen",
  "allocation.publish.intro":
    "Beim Veröffentlichen werden die Workshops in die Anmeldungen übernommen und alle Personen der Zuteilung per E-Mail informiert. Danach können Wünsche nicht mehr geändert und die Zuteilung nicht neu berechnet werden.",
  "allocation.publish.link": "Zuteilung veröffentlichen und E-Mails senden",
  "allocation.publish.confirmTitle": "Zuteilung veröffentlichen?",
  "allocation.publish.confirmText":
    "{participants} Personen erhalten eine E-Mail mit ihren Workshops; {unassigned} Platzwünsche sind ohne Platz, diese Personen erfahren, dass ein Platz gesucht wird. Das lässt sich nicht rückgängig machen.",
  "allocation.publish.submit": "Zuteilung veröffentlichen und E-Mails senden",
  "allocation.publish.cancel": "Abbrechen",
  "allocation.publish.recompute": "Zurück zur Berechnung",
  "allocation.publish.done": "Die Zuteilung ist veröffentlicht; {participants} E-Mails sind unterwegs.",
  "allocation.error.notPreferenceMode":
    "Dieser Fachtag vergibt Workshops in der Reihenfolge der Anmeldung. Eine Zuteilung nach Wünschen gibt es nur im Wunschverfahren.",
  "allocation.error.noWorkshops": "Dieser Fachtag hat keine Workshops, also gibt es nichts zuzuteilen.",
  "allocation.error.published":
    "Die Zuteilung ist bereits veröffentlicht und kann nicht neu berechnet werden. Einzelne Personen können Sie weiterhin von Hand umsetzen.",
  "allocation.error.nothingToPublish": "Es gibt keine berechnete Zuteilung, die veröffentlicht werden könnte.",
  "allocation.error.overCapacity":
    "Der Workshop „{title}“ hätte mehr Teilnehmende als Plätze (die Plätze oder Anmeldungen haben sich geändert). Bitte neu berechnen.",
  "allocation.error.noPlaceLeft": "Dieser Workshop hat keinen freien Platz mehr. Bitte einen anderen wählen.",
  "allocation.error.outdated":
    "Seit der Berechnung haben sich {count} Personen angemeldet oder ihre Wünsche geändert – bitte neu berechnen.",
  "allocation.error.outdatedOne":
    "Seit der Berechnung hat sich 1 Person angemeldet oder ihre Wünsche geändert – bitte neu berechnen.",
  "allocation.explain.heading": "Ihre Workshops",
  "allocation.explain.slot": "{from}–{to} Uhr",
  "allocation.explain.first": "Sie haben Ihren 1. Wunsch erhalten.",
  "allocation.explain.lower":
    "Sie haben Ihren {rank}. Wunsch erhalten: Ihr 1. Wunsch hatte {wishes} Anmeldungen für {places} Plätze.",
  "allocation.explain.none":
    "Für dieses Zeitfenster war keiner Ihrer Wünsche frei; das Organisationsteam meldet sich bei Ihnen.",
  "allocation.explain.byHand": "Das Organisationsteam hat Ihnen diesen Platz zugeteilt.",
  "allocation.mail.greeting": "Guten Tag {name},",
  "allocation.mail.placed.subject": "Ihre Workshops: {event}",
  "allocation.mail.placed.intro":
    "die Workshopplätze für „{event}“ am {date} sind vergeben. Sie nehmen an diesen Workshops teil:",
  "allocation.mail.unplaced.subject": "Ihr Workshopplatz: {event} – wir suchen noch",
  "allocation.mail.unplaced.intro":
    "die Workshopplätze für „{event}“ am {date} sind vergeben. Leider war in diesem Zeitfenster keiner Ihrer Wünsche mehr frei:",
  "allocation.mail.unplaced.partly": "In diesem Zeitfenster war keiner Ihrer Wünsche mehr frei:",
  "allocation.mail.unplaced.next":
    "Wir suchen einen Platz für Sie; das Organisationsteam meldet sich bei Ihnen. Ihre Anmeldung zum Fachtag bleibt bestehen.",
  "allocation.mail.byHand.subject": "Ihr Workshopplatz: {event}",
  "allocation.mail.byHand.intro": "wir haben einen Workshopplatz für Sie gefunden – „{event}“ am {date}:",
  "allocation.mail.room": "Raum {room}",
  "allocation.mail.manageLink": "Ihre Anmeldung ansehen oder absagen:",
  "allocation.mail.regards": "Mit freundlichen Grüßen",
};

const en: Record<keyof typeof de, string> = {
  "allocation.title": "Workshop allocation: {event}",
  "allocation.link": "Workshop allocation",
  "allocation.linkHint": "Evaluate wishes, allocate places and publish",
  "allocation.back": "Back to the registrations",
  "allocation.state.heading": "Status",
  "allocation.state.none": "No allocation computed yet. {participants} confirmed registrations with wishes.",
  "allocation.state.draft": "Draft of {at}: not published. Participants do not see it; you can compute it again.",
  "allocation.state.published": "Published on {at}. Everybody in the allocation was informed by e-mail.",
  "allocation.seedShown": "Seed {seed} – the same seed gives the same allocation.",
  "allocation.newSince": "{count} registrations since the last allocation – please compute again.",
  "allocation.changed": "Wishes, cancellations or places changed since the computation – please compute again.",
  "allocation.run.heading": "Compute the allocation",
  "allocation.run.intro":
    "Per time slot the computation places as many people as possible and, among those results, gives the best wishes. Ties favour people who got a worse wish in an earlier slot, then a draw with the seed.",
  "allocation.run.seed": "Seed",
  "allocation.run.seedHint": "Leave empty for a random seed. A whole number from 0 to 4294967295.",
  "allocation.run.seedInvalid": "Please enter a whole number from 0 to 4294967295.",
  "allocation.run.submit": "Compute the allocation",
  "allocation.run.done": "The allocation was computed (seed {seed}). Check it, then publish it.",
  "allocation.stats.heading": "Statistics",
  "allocation.stats.ranks": "Wishes met",
  "allocation.stats.rank": "wish {rank}",
  "allocation.stats.byHand": "placed by hand",
  "allocation.stats.unplaced": "no place",
  "allocation.stats.count": "Count",
  "allocation.stats.share": "Share",
  "allocation.stats.summary":
    "{assigned} of {pairs} place requests (person and time slot) met, {unassigned} without a place; {participants} people in the allocation.",
  "allocation.stats.workshops": "Demand and places per workshop",
  "allocation.stats.workshop": "Workshop",
  "allocation.stats.slot": "Time slot",
  "allocation.stats.places": "Places",
  "allocation.stats.firstWish": "First wishes",
  "allocation.stats.anyWish": "All wishes",
  "allocation.stats.placed": "Placed",
  "allocation.chart.title": "Places, first wishes and placements per workshop",
  "allocation.chart.desc":
    "Bar chart: for each workshop the number of places, first wishes and placements. The numbers are also in the table.",
  "allocation.rankChart.title": "Wishes met by rank",
  "allocation.rankChart.desc":
    "Bar chart: how many place requests got the 1st, 2nd, 3rd wish and how many got no place. The numbers are also in the table.",
  "allocation.unplaced.heading": "Without a place ({count})",
  "allocation.unplaced.none": "Everybody has a place in every time slot they wished for.",
  "allocation.unplaced.intro":
    "None of these people's wishes had a place in one time slot. Place them by hand in a workshop with free places, or ask them.",
  "allocation.unplaced.workshop": "Workshop for {name}, {slot}",
  "allocation.unplaced.choose": "Choose a workshop",
  "allocation.unplaced.free": "{title} ({free} left)",
  "allocation.unplaced.noneFree": "No workshop of this time slot has free places left.",
  "allocation.unplaced.submit": "Place",
  "allocation.unplaced.done": "{name} was placed by hand.",
  "allocation.results.heading": "Result per person ({count})",
  "allocation.results.name": "Name",
  "allocation.results.noPlace": "no place",
  "allocation.results.noWish": "–",
  "allocation.results.withRank": "{title} (wish {rank})",
  "allocation.results.byHand": "{title} (by hand)",
  "allocation.publish.heading": "Publish",
  "allocation.publish.intro":
    "Publishing writes the workshops into the registrations and e-mails everybody in the allocation. Afterwards wishes can no longer be changed and the allocation cannot be computed again.",
  "allocation.publish.link": "Publish the allocation and send e-mails",
  "allocation.publish.confirmTitle": "Publish the allocation?",
  "allocation.publish.confirmText":
    "{participants} people get an e-mail with their workshops; {unassigned} place requests have no place, those people learn that a place is being sought. This cannot be undone.",
  "allocation.publish.submit": "Publish the allocation and send e-mails",
  "allocation.publish.cancel": "Cancel",
  "allocation.publish.recompute": "Back to the computation",
  "allocation.publish.done": "The allocation is published; {participants} e-mails are on their way.",
  "allocation.error.notPreferenceMode":
    "This Fachtag gives workshop places first come, first served. Allocation by wishes exists only in preference mode.",
  "allocation.error.noWorkshops": "This Fachtag has no workshops, so there is nothing to allocate.",
  "allocation.error.published":
    "The allocation is already published and cannot be computed again. You can still move single people by hand.",
  "allocation.error.nothingToPublish": "There is no computed allocation to publish.",
  "allocation.error.overCapacity":
    "The workshop “{title}” would have more participants than places (places or registrations changed). Please compute again.",
  "allocation.error.noPlaceLeft": "This workshop has no free place left. Please choose another.",
  "allocation.error.outdated":
    "Since the computation {count} people have registered or changed their wishes – please compute again.",
  "allocation.error.outdatedOne":
    "Since the computation 1 person has registered or changed their wishes – please compute again.",
  "allocation.explain.heading": "Your workshops",
  "allocation.explain.slot": "{from}–{to}",
  "allocation.explain.first": "You got your first wish.",
  "allocation.explain.lower":
    "You got your wish no. {rank}: your first wish had {wishes} requests for {places} places.",
  "allocation.explain.none": "None of your wishes had a place in this time slot; the organisers will contact you.",
  "allocation.explain.byHand": "The organisers gave you this place.",
  "allocation.mail.greeting": "Dear {name},",
  "allocation.mail.placed.subject": "Your workshops: {event}",
  "allocation.mail.placed.intro": "the workshop places for “{event}” on {date} are allocated. You take part in:",
  "allocation.mail.unplaced.subject": "Your workshop place: {event} – still looking",
  "allocation.mail.unplaced.intro":
    "the workshop places for “{event}” on {date} are allocated. Unfortunately none of your wishes had a place left in this time slot:",
  "allocation.mail.unplaced.partly": "None of your wishes had a place left in this time slot:",
  "allocation.mail.unplaced.next":
    "We are looking for a place for you; the organisers will contact you. Your registration for the Fachtag stays valid.",
  "allocation.mail.byHand.subject": "Your workshop place: {event}",
  "allocation.mail.byHand.intro": "we found a workshop place for you – “{event}” on {date}:",
  "allocation.mail.room": "room {room}",
  "allocation.mail.manageLink": "See or cancel your registration:",
  "allocation.mail.regards": "Kind regards",
};

export const allocationMessages: Catalog = { de, en };
