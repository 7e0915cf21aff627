import type { Catalog } from "../../platform/i18n/i18n.js";

const de = {
  "retention.mail.subject": "Erinnerung: Die Anmeldedaten von „{event}“ werden am {date} gelöscht",
  "retention.mail.greeting": "Guten Tag {name},",
  "retention.mail.intro":
    "die Löschfrist des Fachtags „{event}“ endet am {date}. Dann werden die Angaben der Teilnehmenden gelöscht: Namen, E-Mail-Adressen, Organisationsangaben im Freitext, Bedarfe, Antworten und die persönlichen Links. Interne Dateien des Fachtags werden ebenfalls gelöscht.",
  "retention.mail.export": "Wenn Sie die Liste noch brauchen, exportieren Sie sie bitte vorher:",
  "retention.mail.kept":
    "Erhalten bleiben die Zahlen für die Statistik (Art der Organisation, Kommune, Status, Anwesenheit, Workshop) und die Teilnahmebescheinigungen: Sie bleiben mit Name und Datum über ihren Code prüfbar.",
  "retention.mail.period": "Die Löschfrist können Sie beim Fachtag ändern:",
  "retention.cli.none": "Keine Fachtage mit abgelaufener Löschfrist.",
  "retention.cli.anonymised":
    "Fachtag „{event}“: {registrations} Anmeldungen anonymisiert, {internalFiles} interne Dateien gelöscht, {mails} E-Mails gelöscht, {certificates} Bescheinigungen bleiben prüfbar.",
  "retention.cli.reminded": "Fachtag „{event}“: Erinnerung an {recipients} Person(en), Löschung am {date}.",
  "retention.audit.link": "Protokoll (Löschungen)",
  "retention.audit.title": "Protokoll",
  "retention.audit.intro":
    "Was mit personenbezogenen Daten geschehen ist: Löschungen nach Ablauf der Löschfrist, Auskünfte und Löschungen auf Antrag (Art. 15 und 17 DSGVO) und wer Teilnehmerlisten angesehen oder exportiert hat. Das Protokoll nennt Zahlen, keine Teilnehmenden.",
  "retention.audit.empty": "Noch keine Einträge.",
  "retention.audit.caption": "{total} Einträge, neueste zuerst",
  "retention.audit.col.at": "Zeit",
  "retention.audit.col.action": "Vorgang",
  "retention.audit.col.subject": "Betrifft",
  "retention.audit.col.details": "Angaben",
  "retention.audit.col.actor": "Durch",
  "retention.audit.system": "System (Löschfrist)",
  "retention.audit.action.retention.anonymised": "Anmeldedaten gelöscht",
  "retention.audit.action.retention.reminded": "Veranstalter erinnert",
  "retention.audit.detail.registrations": "Anmeldungen anonymisiert",
  "retention.audit.detail.mails": "E-Mails gelöscht",
  "retention.audit.detail.internalFiles": "interne Dateien gelöscht",
  "retention.audit.detail.certificates": "Bescheinigungen prüfbar",
  "retention.audit.detail.dueAt": "Löschfrist",
  "retention.audit.detail.retentionMonths": "Monate",
  "retention.audit.detail.recipients": "Empfänger",
  "retention.audit.detail.surveyLinks": "unbenutzte Umfrage-Links gelöscht",
  "retention.audit.detail.surveyInvitations": "Umfrage-Einladungen gelöscht",
};

const en: typeof de = {
  "retention.mail.subject": "Reminder: the registration data of “{event}” will be deleted on {date}",
  "retention.mail.greeting": "Hello {name},",
  "retention.mail.intro":
    "the retention period of the Fachtag “{event}” ends on {date}. Then the participants' details are deleted: names, e-mail addresses, free-text organisation details, needs, answers and the personal links. Internal files of the Fachtag are deleted as well.",
  "retention.mail.export": "If you still need the list, please export it before:",
  "retention.mail.kept":
    "Kept are the figures for statistics (kind of organisation, municipality, status, attendance, workshop) and the certificates of attendance: they remain verifiable by their code with name and date.",
  "retention.mail.period": "You can change the retention period on the Fachtag:",
  "retention.cli.none": "No Fachtage whose retention period has passed.",
  "retention.cli.anonymised":
    "Fachtag “{event}”: {registrations} registrations anonymised, {internalFiles} internal files deleted, {mails} e-mails deleted, {certificates} certificates remain verifiable.",
  "retention.cli.reminded": "Fachtag “{event}”: reminder to {recipients} person(s), deletion on {date}.",
  "retention.audit.link": "Log (deletions)",
  "retention.audit.title": "Log",
  "retention.audit.intro":
    "What happened to personal data: deletions after the retention period, access and erasure on request (Art. 15 and 17 GDPR), and who viewed or exported participant lists. The log gives figures, no participants.",
  "retention.audit.empty": "No entries yet.",
  "retention.audit.caption": "{total} entries, newest first",
  "retention.audit.col.at": "Time",
  "retention.audit.col.action": "Action",
  "retention.audit.col.subject": "Concerns",
  "retention.audit.col.details": "Details",
  "retention.audit.col.actor": "By",
  "retention.audit.system": "System (retention)",
  "retention.audit.action.retention.anonymised": "Registration data deleted",
  "retention.audit.action.retention.reminded": "Organiser reminded",
  "retention.audit.detail.registrations": "registrations anonymised",
  "retention.audit.detail.mails": "e-mails deleted",
  "retention.audit.detail.internalFiles": "internal files deleted",
  "retention.audit.detail.certificates": "certificates verifiable",
  "retention.audit.detail.dueAt": "due",
  "retention.audit.detail.retentionMonths": "months",
  "retention.audit.detail.recipients": "recipients",
  "retention.audit.detail.surveyLinks": "unused survey links deleted",
  "retention.audit.detail.surveyInvitations": "survey invitations deleted",
};

export const retentionMessages: Catalog = { de, en };

/**
 * German text of one of this module's keys. The job's mails and the command line's lines
 * are German and also run where no page registered the catalogues (the CLI process).
 */
export function german(key: keyof typeof de, params: Record<string, string | number> = {}): string {
  return de[key].replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match));
}
