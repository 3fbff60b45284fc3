// Refreshes an import's figures every second from its JSON while it runs; reloads for the summary when it ends.
(() => {
  const section = document.querySelector('[data-import-progress]');
  if (!section || section.hasAttribute('data-finished')) return;
  for (const hint of section.querySelectorAll('[data-hide-when-live]')) hint.hidden = true;
  const tick = async () => {
    try {
      const response = await fetch(section.getAttribute('data-import-progress'), {
        credentials: 'same-origin',
      });
      if (response.ok) {
        const figures = await response.json();
        for (const field of section.querySelectorAll('[data-field]')) {
          const value = figures[field.getAttribute('data-field')];
          if (field.tagName === 'PROGRESS') field.value = value;
          else field.textContent = String(value);
        }
        if (figures.finished) return window.location.reload();
      }
    } catch {
      // A missed refresh is tried again the next second.
    }
    setTimeout(tick, 1000);
  };
  setTimeout(tick, 1000);
})();
