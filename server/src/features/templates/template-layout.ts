/** What the Excel template's writer and reader agree on: the hidden sheet that identifies a template, and the heading cells. */
export const TEMPLATE_MAGIC = 'baocao-template';
export const TEMPLATE_FORMAT = 1;
export const METADATA_SHEET = '_baocao';

/** Fixed addresses of the heading cells, also written to the metadata. */
export const HEADING_CELLS = { regime: 'A1', title: 'A2', form: 'A3', unit: 'A4', period: 'A5', recipient: 'A6' };
