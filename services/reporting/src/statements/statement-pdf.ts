import PDFDocument from 'pdfkit';
import { displayAmount, displayMoney } from '../money/money-format';
import type { Statement } from './statement';

const BANK = 'Microbank';
const MARGIN = 50;
const ROW = 14;
const INK = '#1f2933';
const MUTED = '#616e7c';
const BAR = '#2f80ed';

// the lines table: x and width of each column on an A4 page (595 pt wide)
const COLUMNS = {
  date: { x: MARGIN, width: 62 },
  description: { x: 116, width: 220 },
  amount: { x: 340, width: 95 },
  balance: { x: 440, width: 105 },
} as const;

/** The statement as a PDF: header, balances, a bar chart of the month's spending by category, then every line. */
export function statementPdf(s: Statement): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    // kept in memory until the end, so every page's footer can say how many pages there are
    bufferPages: true,
    // fixed metadata: the same statement renders the same document
    info: { Title: `Statement ${s.account.iban} ${s.month}`, Author: BANK, CreationDate: s.to },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  header(doc, s);
  balances(doc, s);
  spendingChart(doc, s);
  linesTable(doc, s);
  footers(doc, s);
  doc.end();
  return done;
}

function header(doc: PDFKit.PDFDocument, s: Statement): void {
  doc.fillColor(INK).font('Helvetica-Bold').fontSize(20).text(BANK, MARGIN, MARGIN);
  doc.font('Helvetica').fontSize(11).fillColor(MUTED).text(`Statement for ${s.month} (UTC)`);
  doc.moveDown(0.8).fillColor(INK).fontSize(10);
  doc.text(`Account holder: ${s.holder ?? s.account.userId}`);
  doc.text(`IBAN: ${s.account.iban}`);
  doc.text(`Period: ${s.from.toISOString().slice(0, 10)} to ${lastDayOf(s)}`);
  doc.moveDown(0.8);
}

function balances(doc: PDFKit.PDFDocument, s: Statement): void {
  const rows: [string, string][] = [
    ['Opening balance', displayMoney(s.openingMinor, s.currency)],
    ['Money in', displayMoney(s.totalInMinor, s.currency)],
    ['Money out', displayMoney(s.totalOutMinor, s.currency)],
    ['Closing balance', displayMoney(s.closingMinor, s.currency)],
  ];
  for (const [label, value] of rows) {
    const y = doc.y;
    doc
      .font(label.endsWith('balance') ? 'Helvetica-Bold' : 'Helvetica')
      .fontSize(10)
      .fillColor(INK);
    doc.text(label, MARGIN, y, { lineBreak: false });
    doc.text(value, MARGIN + 150, y, { width: 130, align: 'right', lineBreak: false });
    doc.y = y + ROW;
  }
  doc.moveDown(1);
}

/** Horizontal bars drawn with pdfkit's own rectangles: no chart library, no raster image. */
function spendingChart(doc: PDFKit.PDFDocument, s: Statement): void {
  doc.x = MARGIN;
  doc.font('Helvetica-Bold').fontSize(12).fillColor(INK).text('Spending by category', MARGIN);
  doc.moveDown(0.4);
  if (s.spending.length === 0) {
    doc.font('Helvetica').fontSize(10).fillColor(MUTED).text('No card spending this month.', MARGIN);
    doc.moveDown(1);
    return;
  }
  const largest = s.spending[0]!.netMinor;
  const labelWidth = 90;
  const barSpace = 280;
  for (const { category, netMinor } of s.spending) {
    const y = doc.y;
    // proportions in bigint first: a float of a huge amount could lose the smaller bars
    const width = Math.max(1, Number((netMinor * BigInt(barSpace)) / largest));
    doc.font('Helvetica').fontSize(9).fillColor(INK);
    doc.text(category, MARGIN, y + 1, { width: labelWidth, lineBreak: false });
    doc.rect(MARGIN + labelWidth, y, width, ROW - 4).fill(BAR);
    doc.fillColor(INK).text(displayMoney(netMinor, s.currency), MARGIN + labelWidth + width + 6, y + 1, {
      lineBreak: false,
    });
    doc.y = y + ROW;
  }
  doc.moveDown(1);
}

function linesTable(doc: PDFKit.PDFDocument, s: Statement): void {
  doc.x = MARGIN;
  doc.font('Helvetica-Bold').fontSize(12).fillColor(INK).text('Transactions', MARGIN);
  doc.moveDown(0.4);
  if (s.lines.length === 0) {
    doc.font('Helvetica').fontSize(10).fillColor(MUTED).text('No transactions this month.', MARGIN);
    return;
  }
  tableHeader(doc, s);
  for (const { line, description } of s.lines) {
    if (doc.y + ROW > doc.page.height - MARGIN) {
      doc.addPage();
      tableHeader(doc, s);
    }
    const y = doc.y;
    const signed = line.direction === 'debit' ? -line.amountMinor : line.amountMinor;
    doc.font('Helvetica').fontSize(9).fillColor(INK);
    cell(doc, line.postedAt.toISOString().slice(0, 10), COLUMNS.date, y);
    cell(doc, fit(doc, description, COLUMNS.description.width), COLUMNS.description, y);
    cell(doc, displayAmount(signed, line.currency), COLUMNS.amount, y, 'right');
    cell(doc, displayAmount(line.balanceAfterMinor, line.currency), COLUMNS.balance, y, 'right');
    doc.y = y + ROW;
  }
}

function tableHeader(doc: PDFKit.PDFDocument, s: Statement): void {
  const y = doc.y;
  doc.font('Helvetica-Bold').fontSize(9).fillColor(MUTED);
  cell(doc, 'Date', COLUMNS.date, y);
  cell(doc, 'Description', COLUMNS.description, y);
  cell(doc, `Amount (${s.currency})`, COLUMNS.amount, y, 'right');
  cell(doc, `Balance (${s.currency})`, COLUMNS.balance, y, 'right');
  doc
    .moveTo(MARGIN, y + ROW - 3)
    .lineTo(COLUMNS.balance.x + COLUMNS.balance.width, y + ROW - 3)
    .lineWidth(0.5)
    .strokeColor(MUTED)
    .stroke();
  doc.y = y + ROW;
}

function footers(doc: PDFKit.PDFDocument, s: Statement): void {
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    // the footer sits in the bottom margin: without this, pdfkit would start a new page for it
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font('Helvetica').fontSize(8).fillColor(MUTED);
    doc.text(`${s.account.iban} · ${s.month} · page ${i - start + 1} of ${count}`, MARGIN, doc.page.height - 35, {
      width: doc.page.width - 2 * MARGIN,
      align: 'center',
      lineBreak: false,
    });
    doc.page.margins.bottom = bottom;
  }
}

function cell(
  doc: PDFKit.PDFDocument,
  text: string,
  column: { x: number; width: number },
  y: number,
  align: 'left' | 'right' = 'left',
): void {
  doc.text(text, column.x, y, { width: column.width, align, lineBreak: false });
}

/** Cuts `text` to what fits on one line of the column, with an ellipsis. */
function fit(doc: PDFKit.PDFDocument, text: string, width: number): string {
  if (doc.widthOfString(text) <= width) return text;
  let cut = text;
  while (cut.length > 1 && doc.widthOfString(`${cut}…`) > width) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}…`;
}

function lastDayOf(s: Statement): string {
  return new Date(s.to.getTime() - 1).toISOString().slice(0, 10);
}
