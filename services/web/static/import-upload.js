// Drag and drop onto the upload form: the dropped file becomes the form's file. The form works without this.
(() => {
  const form = document.querySelector('[data-drop-zone]');
  const input = form && form.querySelector('input[type=file]');
  if (!form || !input) return;
  form.addEventListener('dragover', (event) => {
    event.preventDefault();
    form.classList.add('onderstroom-upload--over');
  });
  form.addEventListener('dragleave', () => form.classList.remove('onderstroom-upload--over'));
  form.addEventListener('drop', (event) => {
    event.preventDefault();
    form.classList.remove('onderstroom-upload--over');
    if (event.dataTransfer && event.dataTransfer.files.length > 0) input.files = event.dataTransfer.files;
  });
})();
