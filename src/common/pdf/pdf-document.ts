import type PDFKitDocument from 'pdfkit';

type PdfOptions = ConstructorParameters<typeof PDFKitDocument>[0];

let PdfDocumentClass: typeof PDFKitDocument | undefined;

/**
 * A new pdfkit document. pdfkit is loaded on the first PDF rather than at start-up: loading it
 * builds fontkit's Unicode tables (about a third of a second of CPU), which every start and every
 * test app paid although few requests make a PDF.
 */
export async function newPdfDocument(options: PdfOptions): Promise<PDFKit.PDFDocument> {
  PdfDocumentClass ??= (await import('pdfkit')).default;
  return new PdfDocumentClass(options);
}
