// Small browser helpers called from components (kept in a file, not inline, for a strict CSP).
window.portal = {
  submitForm(id) {
    const form = document.getElementById(id);
    if (form) form.requestSubmit();
  },
  async copyText(text) {
    await navigator.clipboard.writeText(text);
  }
};
