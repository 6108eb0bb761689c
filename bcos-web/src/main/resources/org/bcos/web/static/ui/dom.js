// DOM helpers. Text from the node or the user is only ever set as textContent, never parsed as
// HTML: the node's CSP forbids inline script, and these helpers give no way to insert markup.

/** Creates an element with a class and text (textContent only). */
export function el(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined && text !== null) e.textContent = String(text);
  return e;
}

/** A link to an app route, e.g. link('#/explorer/block/5', '5'). */
export function link(href, text, className) {
  const a = el('a', className, text);
  a.href = href;
  return a;
}

/** A <table> with a header row of `headers` (already translated) and an empty body. */
export function table(className, headers) {
  const tbl = el('table', className);
  const tr = el('tr');
  for (const h of headers) tr.append(el('th', null, h));
  tbl.append(el('thead'), el('tbody'));
  tbl.tHead.append(tr);
  return tbl;
}

/** A <td> with a class holding a Node, or text ('—' when there is none). */
export function cell(child, className) {
  const c = el('td', className);
  if (child instanceof Node) c.append(child); else c.textContent = child ?? '—';
  return c;
}

/** A <dl> of [label, value] pairs; a value may be a Node or text. */
export function pairs(className, items) {
  const dl = el('dl', className);
  for (const [label, value] of items) {
    const div = el('div');
    const dd = el('dd');
    if (value instanceof Node) dd.append(value); else dd.textContent = value === undefined || value === null ? '—' : String(value);
    div.append(el('dt', null, label), dd);
    dl.append(div);
  }
  return dl;
}
