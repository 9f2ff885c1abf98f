/**
 * A generated report as a PDF laid out as a Vietnamese administrative document (Decree
 * 30/2020/NĐ-CP, Appendix I): A4, margins 20 mm top and bottom, 30 mm left, 15 mm right; the
 * issuing agency (left) beside the national motto (right), the number and symbol under the
 * agency, place and date under the motto, the document kind and title centred, the body
 * (narrative, tables, charts), then the recipients ("Nơi nhận:", left) beside the signature
 * block (right); page numbers from the second page, centred at the top. The font is DejaVu Serif
 * (shipped in server/assets/fonts, full Vietnamese coverage), embedded as a subset.
 */
import type { DocumentDefinition } from '@baocao/domain';
import { formatNumberVi } from '@baocao/domain';
import PDFDocument from 'pdfkit';
import SVGtoPDF from 'svg-to-pdfkit';
import { chartSvg } from './document-charts';
import type { DocumentContent } from './document-content';
import { documentFonts } from './document-fonts';

const MM = 72 / 25.4;
const MARGIN = { top: 20 * MM, bottom: 20 * MM, left: 30 * MM, right: 15 * MM };
const SERIF = 'Serif';
const SERIF_BOLD = 'Serif-Bold';
const SERIF_ITALIC = 'Serif-Italic';

interface Column {
  header: string;
  width: number;
  align: 'left' | 'right' | 'center';
}

/** What a PDF needs besides the figures: the template's layout and the document's number. */
export interface PdfHeading {
  definition: DocumentDefinition;
  number: string;
  version: number;
}

const upper = (text: string) => text.toLocaleUpperCase('vi-VN');

export async function renderPdf(content: DocumentContent, heading: PdfHeading): Promise<Buffer> {
  const { definition } = heading;
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    bufferPages: true,
    info: {
      Title: content.title,
      Author: definition.issuer.agency,
      Subject: `${heading.number} — ${content.period.label}`,
      Creator: 'Baocao',
    },
  });
  // pdfkit takes a parsed fontkit font as well as a file (PDFFontFactory.open); its types do not say so.
  const fonts = documentFonts();
  doc.registerFont(SERIF, fonts.regular as unknown as Buffer);
  doc.registerFont(SERIF_BOLD, fonts.bold as unknown as Buffer);
  doc.registerFont(SERIF_ITALIC, fonts.italic as unknown as Buffer);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });

  const left = MARGIN.left;
  const width = doc.page.width - MARGIN.left - MARGIN.right;
  const leftWidth = width * 0.42;
  const rightX = left + width * 0.4;
  const rightWidth = width * 0.6;

  // ——— Heading: agency | national motto ———
  const top = doc.y;
  doc.font(SERIF).fontSize(11);
  if (definition.issuer.governingBody)
    doc.text(upper(definition.issuer.governingBody), left, top, { width: leftWidth, align: 'center' });
  doc
    .font(SERIF_BOLD)
    .fontSize(11)
    .text(upper(definition.issuer.agency), left, doc.y, { width: leftWidth, align: 'center' });
  const agencyBottom = doc.y + 2;
  doc
    .moveTo(left + leftWidth * 0.35, agencyBottom)
    .lineTo(left + leftWidth * 0.65, agencyBottom)
    .lineWidth(0.6)
    .stroke();
  doc
    .font(SERIF)
    .fontSize(11)
    .text(`Số: ${heading.number}`, left, agencyBottom + 8, { width: leftWidth, align: 'center' });
  const leftBottom = doc.y;

  doc
    .font(SERIF_BOLD)
    .fontSize(11)
    .text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', rightX, top, { width: rightWidth, align: 'center' });
  doc
    .font(SERIF_BOLD)
    .fontSize(12)
    .text('Độc lập - Tự do - Hạnh phúc', rightX, doc.y, { width: rightWidth, align: 'center' });
  const mottoBottom = doc.y + 2;
  const mottoWidth = doc.widthOfString('Độc lập - Tự do - Hạnh phúc');
  doc
    .moveTo(rightX + (rightWidth - mottoWidth) / 2, mottoBottom)
    .lineTo(rightX + (rightWidth + mottoWidth) / 2, mottoBottom)
    .lineWidth(0.6)
    .stroke();
  doc
    .font(SERIF_ITALIC)
    .fontSize(12)
    .text(content.placeDate, rightX, mottoBottom + 8, { width: rightWidth, align: 'center' });
  doc.y = Math.max(leftBottom, doc.y) + 24;

  // ——— Kind and title ———
  doc.font(SERIF_BOLD).fontSize(14).text('BÁO CÁO', left, doc.y, { width, align: 'center' });
  doc
    .font(SERIF_BOLD)
    .fontSize(13)
    .text(content.title, left, doc.y + 2, { width, align: 'center' });
  const titleBottom = doc.y + 4;
  doc
    .moveTo(left + width * 0.4, titleBottom)
    .lineTo(left + width * 0.6, titleBottom)
    .lineWidth(0.6)
    .stroke();
  doc.y = titleBottom + 14;

  // ——— Body ———
  const paragraph = (text: string) => {
    doc
      .font(SERIF)
      .fontSize(12)
      .text(text, left, doc.y, { width, align: 'justify', indent: 10 * MM, paragraphGap: 6, lineGap: 2 });
  };
  /** A section heading, on the next page unless it fits there with the first `keepWith` points of its body. */
  const heading2 = (text: string, keepWith = 0) => {
    ensureSpace(40 + keepWith);
    doc
      .font(SERIF_BOLD)
      .fontSize(12)
      .text(text, left, doc.y + 4, { width, paragraphGap: 4 });
  };
  const ensureSpace = (needed: number) => {
    if (doc.y + needed > doc.page.height - MARGIN.bottom) doc.addPage();
  };

  for (const block of content.narrative.split(/\n\s*\n/)) {
    const text = block.replace(/\s*\n\s*/g, ' ').trim();
    if (text) paragraph(text);
  }

  let section = 0;
  if (content.values.length > 0) {
    heading2(`${++section}. Các chỉ tiêu chủ yếu`);
    drawTable(
      doc,
      [
        { header: 'Chỉ tiêu', width: width * 0.4, align: 'left' },
        { header: 'Đơn vị tính', width: width * 0.14, align: 'center' },
        { header: content.period.label, width: width * 0.16, align: 'right' },
        { header: content.period.previousLabel, width: width * 0.16, align: 'right' },
        { header: 'Tăng/giảm (%)', width: width * 0.14, align: 'right' },
      ],
      content.values.map((v) => [
        v.label,
        v.unitOfMeasure ?? '',
        formatNumberVi(v.value),
        formatNumberVi(v.previous),
        formatNumberVi(v.changePct, 1),
      ]),
      null,
    );
  }
  for (const table of content.tables) {
    heading2(`${++section}. ${table.title}`);
    const first = Math.min(width * 0.36, width - table.columns.length * 60);
    const rest = (width - 28 - first) / table.columns.length;
    drawTable(
      doc,
      [
        { header: 'STT', width: 28, align: 'center' },
        { header: 'Đơn vị', width: first, align: 'left' },
        ...table.columns.map((c) => ({
          header: c.unitOfMeasure ? `${c.label} (${c.unitOfMeasure})` : c.label,
          width: rest,
          align: 'right' as const,
        })),
      ],
      table.rows.map((row, i) => [String(i + 1), row.name, ...row.cells.map((c) => formatNumberVi(c))]),
      ['', 'Tổng cộng', ...table.total.map((c) => formatNumberVi(c))],
    );
  }
  for (const chart of content.charts) {
    const height = 230;
    // The chart is one block: its heading never stays alone at the foot of a page.
    heading2(`${++section}. ${chart.title}`, height + 10);
    const svg = chartSvg(chart, Math.round(width), height);
    SVGtoPDF(doc, svg, left, doc.y, {
      width,
      height,
      // The chart is drawn in points: at svg-to-pdfkit's default (1 px = 0.75 pt) it filled only
      // three quarters of its box and left a blank band below and to the right.
      assumePt: true,
      fontCallback: (_family, bold, italic) => (bold ? SERIF_BOLD : italic ? SERIF_ITALIC : SERIF),
    });
    doc.y += height + 8;
  }
  if (content.compliance) {
    heading2(`${++section}. Tình hình thực hiện chế độ báo cáo`);
    const c = content.compliance;
    const rate = c.expected === 0 ? null : Math.round((c.onTime / c.expected) * 1000) / 10;
    paragraph(
      `Trong kỳ, có ${formatNumberVi(c.expected)} lượt báo cáo phải gửi; đúng hạn ${formatNumberVi(c.onTime)} (${formatNumberVi(rate, 1)}%), trễ hạn ${formatNumberVi(c.late)}, chưa gửi ${formatNumberVi(c.missing)}.`,
    );
  }
  doc.font(SERIF_ITALIC).fontSize(9).fillColor('#444');
  doc.text(
    `Số liệu tổng hợp từ ${formatNumberVi(content.revisionIds.length)} báo cáo của các đơn vị; phiên bản ${heading.version}.`,
    left,
    doc.y + 4,
    { width },
  );
  doc.fillColor('black');

  // ——— Recipients | signature ———
  ensureSpace(150);
  const footTop = doc.y + 18;
  doc.font(SERIF_BOLD).fontSize(11).text('Nơi nhận:', left, footTop, { width: leftWidth, underline: false });
  doc.font(SERIF).fontSize(10);
  definition.recipients.forEach((r, i) => {
    const end = i === definition.recipients.length - 1 ? '.' : ';';
    doc.text(`- ${r.name}${end}`, left, doc.y, { width: leftWidth });
  });
  doc.text('- Lưu: VT.', left, doc.y, { width: leftWidth });
  const recipientsBottom = doc.y;
  doc.font(SERIF_BOLD).fontSize(12);
  let y = footTop;
  if (definition.signer.authority) {
    doc.text(upper(definition.signer.authority), rightX, y, { width: rightWidth, align: 'center' });
    y = doc.y;
  }
  doc.text(upper(definition.signer.position), rightX, y, { width: rightWidth, align: 'center' });
  doc
    .font(SERIF_ITALIC)
    .fontSize(10)
    .fillColor('#666')
    .text('(Chữ ký số)', rightX, doc.y + 18, { width: rightWidth, align: 'center' });
  doc
    .fillColor('black')
    .font(SERIF_BOLD)
    .fontSize(12)
    .text(definition.signer.name, rightX, doc.y + 30, { width: rightWidth, align: 'center' });
  doc.y = Math.max(recipientsBottom, doc.y);

  // Page numbers: from the second page, centred in the top margin.
  const range = doc.bufferedPageRange();
  for (let i = range.start + 1; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    doc
      .font(SERIF)
      .fontSize(11)
      .text(String(i + 1), left, MARGIN.top / 2, { width, align: 'center', lineBreak: false });
  }
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}

/** A table with a repeated header row, wrapped cells and an optional bold total row. */
function drawTable(doc: PDFKit.PDFDocument, columns: Column[], rows: string[][], total: string[] | null): void {
  const left = MARGIN.left;
  const pad = 3;
  const bottom = () => doc.page.height - MARGIN.bottom;
  const heightOf = (cells: string[], font: string, size: number) => {
    doc.font(font).fontSize(size);
    return (
      Math.max(...cells.map((cell, i) => doc.heightOfString(cell || ' ', { width: columns[i]!.width - 2 * pad }))) +
      2 * pad
    );
  };
  const drawRow = (cells: string[], font: string, size: number, shade: boolean) => {
    const height = heightOf(cells, font, size);
    if (doc.y + height > bottom()) {
      doc.addPage();
      drawHeader();
    }
    const y = doc.y;
    let x = left;
    if (shade)
      doc
        .rect(
          left,
          y,
          columns.reduce((s, c) => s + c.width, 0),
          height,
        )
        .fillColor('#eef1f6')
        .fill();
    doc.fillColor('black').font(font).fontSize(size);
    cells.forEach((cell, i) => {
      const column = columns[i]!;
      doc.rect(x, y, column.width, height).lineWidth(0.5).strokeColor('#333').stroke();
      doc.text(cell, x + pad, y + pad, { width: column.width - 2 * pad, align: column.align });
      x += column.width;
    });
    doc.y = y + height;
  };
  const drawHeader = () => {
    const header = columns.map((c) => c.header);
    const height = heightOf(header, SERIF_BOLD, 9);
    const y = doc.y;
    let x = left;
    doc.font(SERIF_BOLD).fontSize(9);
    for (const column of columns) {
      doc.rect(x, y, column.width, height).fillColor('#dde3ee').fill();
      doc.rect(x, y, column.width, height).lineWidth(0.5).strokeColor('#333').stroke();
      doc.fillColor('black').text(column.header, x + pad, y + pad, { width: column.width - 2 * pad, align: 'center' });
      x += column.width;
    }
    doc.y = y + height;
  };
  if (doc.y + 60 > bottom()) doc.addPage();
  drawHeader();
  for (const row of rows) drawRow(row, SERIF, 9, false);
  if (total) drawRow(total, SERIF_BOLD, 9, true);
  doc.x = left;
  doc.y += 8;
}
