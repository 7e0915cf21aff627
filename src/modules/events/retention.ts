// When a Fachtag's personal data is due for removal (DSGVO retention): `retentionMonths`
// calendar months after its end. Stated in the privacy text at registration and applied by
// the retention module's daily job, so both must compute it in this one place.

/** The end plus `months` calendar months (ISO UTC); the 31st becomes the month's last day. */
export function personalDataDueAt(endsAt: string, months: number): string {
  const end = new Date(endsAt);
  const target = new Date(end.getTime());
  target.setUTCDate(1);
  target.setUTCMonth(target.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(end.getUTCDate(), lastDay));
  return target.toISOString();
}
