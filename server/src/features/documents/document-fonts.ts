/// <reference path="./fontkit.d.ts" />
/**
 * The fonts of generated PDFs, parsed once per process and shared by every document. pdfkit
 * otherwise reads and parses each TTF for every PDF and shapes every word again with fontkit
 * (OpenType GSUB/GPOS), which was most of a report's rendering time. A shared font keeps its
 * decoded tables and glyphs; its layout of a word (glyphs and unscaled positions) is remembered
 * across documents in a bounded cache, and each caller gets its own copy of the positions,
 * because pdfkit scales them in place. Each PDF still embeds its own subset of the glyphs it
 * uses (pdfkit's per-document EmbeddedFont).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { create, type Font, type GlyphPosition, type GlyphRun } from 'fontkit';

const FONT_DIR = fileURLToPath(new URL('../../../assets/fonts/', import.meta.url));
/** Words remembered per font; the cache is emptied when full, so memory stays flat. */
const LAYOUT_CACHE_LIMIT = 20_000;

interface Layout {
  glyphs: object[];
  positions: GlyphPosition[];
}

function runOf(layout: Layout): GlyphRun {
  return {
    glyphs: layout.glyphs,
    positions: layout.positions.map((p) => ({ ...p })),
    get advanceWidth() {
      let width = 0;
      for (const p of this.positions) width += p.xAdvance;
      return width;
    },
  };
}

/** A font that behaves as the fontkit one, with its word layouts remembered. */
export function withLayoutCache(font: Font, limit = LAYOUT_CACHE_LIMIT): Font & { cacheSize(): number } {
  const cache = new Map<string, Layout>();
  const shared = Object.create(font) as Font & { cacheSize(): number };
  shared.layout = (text: string, features?: unknown) => {
    if (features !== undefined) return font.layout(text, features);
    let hit = cache.get(text);
    if (!hit) {
      const run = font.layout(text);
      hit = { glyphs: run.glyphs, positions: run.positions.map((p) => ({ ...p })) };
      if (cache.size >= limit) cache.clear();
      cache.set(text, hit);
    }
    return runOf(hit);
  };
  shared.cacheSize = () => cache.size;
  return shared;
}

const load = (file: string) => withLayoutCache(create(readFileSync(`${FONT_DIR}${file}`)));

let fonts: { regular: Font; bold: Font; italic: Font } | null = null;

/** DejaVu Serif regular, bold and italic (full Vietnamese coverage), loaded on first use. */
export function documentFonts() {
  fonts ??= {
    regular: load('DejaVuSerif.ttf'),
    bold: load('DejaVuSerif-Bold.ttf'),
    italic: load('DejaVuSerif-Italic.ttf'),
  };
  return fonts;
}
