// The script both reports start with (html_page writes it before each report's
// own): the error count the browser test reads, the text helpers, and the
// repro commands' copy buttons. Plain JavaScript, no libraries.
const consimReport = (function () {
  'use strict';
  // #render-stats carries what was drawn and every script error, as data-*
  // attributes: tests/support/report_browser_test.sh reads them.
  const stats = document.getElementById('render-stats');
  let errors = 0;
  function noteError(message) {
    errors += 1;
    stats.setAttribute('data-errors', String(errors));
    stats.setAttribute('data-last-error', String(message));
  }
  window.addEventListener('error', function (e) { noteError(e.message); });

  const esc = (s) => String(s).replace(/[&<>"']/g,
      (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
  const num = (v) => String(v).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

  function selectText(id) {
    const range = document.createRange();
    range.selectNodeContents(document.getElementById(id));
    const sel = window.getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
  }
  // A button[data-copy=ID] copies the text of #ID (or selects it where the
  // clipboard is not available).
  function wireCopyButtons() {
    document.querySelectorAll('button[data-copy]').forEach((b) => b.addEventListener('click', () => {
      const id = b.getAttribute('data-copy');
      const text = document.getElementById(id).textContent;
      const done = () => { b.textContent = 'copied'; setTimeout(() => { b.textContent = 'copy'; }, 1200); };
      if (navigator.clipboard) navigator.clipboard.writeText(text).then(done, () => selectText(id));
      else selectText(id);
    }));
  }

  return { stats, noteError, errorCount: () => errors, esc, num, wireCopyButtons };
})();
