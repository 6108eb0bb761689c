// Helpers shared by the DVS pages: names of methods, phases and electorates, an issue's title,
// error text, and a "load more" pager over the node's nextCursor lists.

/** The i18n key of a method (dvs_getIssue rules.method). */
export const methodKey = (method) => `dvs.method.${String(method).toLowerCase()}`;
/** The i18n key of a phase (ADMISSION … CLOSED). */
export const phaseKey = (phase) => `dvs.phase.${String(phase).toLowerCase()}`;
/** The i18n key of an electorate kind (members, weighted, open, stake). */
export const electorateKey = (kind) => `dvs.electorate.${kind}`;

/** An issue has no title in state: its first option (poll) or initiative stands for it. */
export function issueTitle(t, issue) {
  const first = issue.options && issue.options.length > 0 ? issue.options[0].text : '';
  return first ? t('dvs.issue.titled', { id: issue.id, text: first }) : t('dvs.issue.numbered', { id: issue.id });
}

/** The text of a failed call or a refused ballot: its name (reason/code) and message. */
export function errorText(e) {
  const name = e?.data?.reason || e?.reason || (typeof e?.code === 'string' ? e.code : '');
  const message = e?.message ? String(e.message) : String(e);
  return name && !message.startsWith(name) ? `${name}: ${message}` : message;
}

/**
 * A paged list: load(cursor) resolves to {items, nextCursor}; addRow(item) shows one. Returns
 * {element (the "more" button), reset()}; the first page loads at once.
 */
export function pager(shell, load, addRow, onError) {
  const { el, t } = shell;
  const more = el('button', 'secondary', t('dvs.more'));
  more.type = 'button';
  more.hidden = true;
  let cursor = null;
  let generation = 0;
  async function page() {
    const mine = generation;
    more.disabled = true;
    try {
      const { items, nextCursor } = await load(cursor);
      if (mine !== generation) return;
      items.forEach(addRow);
      cursor = nextCursor ?? null;
      more.hidden = cursor === null;
    } catch (e) {
      onError(e);
    } finally {
      more.disabled = false;
    }
  }
  more.addEventListener('click', page);
  return {
    element: more,
    reset() {
      generation += 1;
      cursor = null;
      more.hidden = true;
      return page();
    },
  };
}

/** A labelled input: [label, input] with the label bound to the input's id. */
export function labelled(shell, id, text, input) {
  const label = shell.el('label', null, text);
  label.htmlFor = id;
  input.id = id;
  return [label, input];
}
