const formats = new Map<string, Intl.NumberFormat>();

/** Minor units in the shopper's locale, e.g. 1999 EUR -> "€19.99". */
export function formatMoney(cents: number, currency: string, locale?: string): string {
  const key = `${locale ?? ""}|${currency}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: "currency", currency });
    formats.set(key, format);
  }
  return format.format(cents / 10 ** (format.resolvedOptions().maximumFractionDigits ?? 2));
}
