/** Styles of the report pages, served as a file (the CSP allows no inline style): tables that fit, and a clean print. */
export const REPORT_CSS = `
.ww-report-table { font-size: 16px; }
.ww-table-wrap { overflow-x: auto; }
.ww-chart svg { max-width: 100%; height: auto; }
@media print {
  .nhsuk-header, .nhsuk-footer-container, .nhsuk-footer, .nhsuk-back-link, .nhsuk-skip-link, .ww-no-print, form { display: none !important; }
  body, .nhsuk-width-container { margin: 0; max-width: none; }
  .nhsuk-table { font-size: 10pt; }
  .nhsuk-table__cell, .nhsuk-table__header { padding: 2pt 4pt; }
  table, figure, .ww-keep { break-inside: avoid; page-break-inside: avoid; }
  h2 { break-after: avoid; page-break-after: avoid; }
  a[href]::after { content: none; }
  @page { size: A4 landscape; margin: 12mm; }
}
`;
