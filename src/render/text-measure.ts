// Runs in the build's Chromium tabs, before mermaid: text measurements kept between labels and diagrams. mermaid
// measures every label word by word to wrap it (a test <text> per attempt, then getComputedTextLength()), and the same
// names come back in diagram after diagram: measuring was the largest single cost of drawing the site (13 %). A
// measurement depends on the text, its markup and the font it is drawn in, which is exactly the key, so every
// picture is the same byte for byte (tests/render/diagram-rendering.test.ts). Serialised into the page: self-contained.

export function memoizeTextMeasure(): void {
  const proto = SVGTextContentElement.prototype as SVGTextContentElement & { __ffeMeasure?: true };
  if (proto.__ffeMeasure) return;
  const measure = proto.getComputedTextLength;
  const memo = new Map<string, number>();
  (globalThis as { __ffeForgetMeasures?: () => void }).__ffeForgetMeasures = () => memo.clear();
  proto.getComputedTextLength = function memoized(this: SVGTextContentElement): number {
    const style = getComputedStyle(this);
    const key = [style.font, style.letterSpacing, style.wordSpacing, style.textTransform, style.fontKerning, style.fontFeatureSettings, style.fontVariationSettings, this.innerHTML].join('\u0000');
    let length = memo.get(key);
    if (length === undefined) {
      length = measure.call(this);
      memo.set(key, length);
    }
    return length;
  };
  proto.__ffeMeasure = true;
}
