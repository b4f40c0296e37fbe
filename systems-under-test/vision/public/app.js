// Upload page of the vision service: sends the chosen file to the chosen endpoint and shows the
// answer. The image is the request body; parameters go in the query string, as the API expects.

const form = document.querySelector('#upload-form');
const fileInput = document.querySelector('#image-file');
const operationSelect = document.querySelector('#operation');
const submitButton = form.querySelector('button[type="submit"]');
const errorBox = document.querySelector('#error');
const result = document.querySelector('#result');
const summary = document.querySelector('#result-summary');
const codeList = document.querySelector('#result-codes');
const cornerList = document.querySelector('#result-corners');
const resultImage = document.querySelector('#result-image');
const faults = new Set((document.body.dataset.faults ?? '').split(' ').filter(Boolean));

/** Query parameters that each operation takes from the form. */
const PARAMETERS = {
  qr: [],
  scan: ['width', 'height'],
  resize: ['width', 'height', 'fit'],
  grayscale: [],
  blur: ['sigma'],
  rotate: ['angle'],
  crop: ['left', 'top', 'width', 'height'],
  convert: ['format'],
};

const CORNER_NAMES = [
  ['topLeft', 'Top left'],
  ['topRight', 'Top right'],
  ['bottomRight', 'Bottom right'],
  ['bottomLeft', 'Bottom left'],
];

let objectUrl;

function showParameters() {
  const operation = operationSelect.value;
  for (const parameter of document.querySelectorAll('.parameter')) {
    parameter.hidden = !parameter.dataset.for.split(' ').includes(operation);
  }
}

function formatPoint(point) {
  return `(${point.x}, ${point.y})`;
}

function clearResult() {
  result.hidden = true;
  summary.textContent = '';
  codeList.replaceChildren();
  cornerList.replaceChildren();
  resultImage.hidden = true;
  resultImage.removeAttribute('src');
  if (objectUrl !== undefined) URL.revokeObjectURL(objectUrl);
  objectUrl = undefined;
}

function showError(message) {
  errorBox.textContent = message;
  errorBox.hidden = false;
}

function endpointFor(operation) {
  if (operation === 'qr' || operation === 'scan') return `/${operation}`;
  return `/images/${operation}`;
}

function buildQuery(operation) {
  const query = new URLSearchParams();
  for (const name of PARAMETERS[operation]) {
    const value = form.elements[name].value.trim();
    if (value !== '') query.set(name, value);
  }
  const text = query.toString();
  return text === '' ? '' : `?${text}`;
}

function showQr(body) {
  const count = body.codes.length;
  summary.textContent = `${count} QR code${count === 1 ? '' : 's'} found in the ${body.width} × ${body.height} image.`;
  for (const code of body.codes) {
    const item = document.createElement('li');
    const text = document.createElement('span');
    text.className = 'code-text';
    text.textContent = code.text;
    const where = CORNER_NAMES.map(([key]) => formatPoint(code.corners[key])).join(' ');
    item.append(text, ` at ${where}, found by ${code.foundBy.join(' and ')}`);
    codeList.append(item);
  }
}

function showScan(body) {
  summary.textContent = `Page found and flattened to ${body.width} × ${body.height} pixels.`;
  for (const [key, name] of CORNER_NAMES) {
    const item = document.createElement('li');
    item.textContent = `${name} ${formatPoint(body.corners[key])}`;
    cornerList.append(item);
  }
  resultImage.src = body.image;
  resultImage.hidden = false;
}

async function showImage(response) {
  const width = response.headers.get('x-image-width');
  const height = response.headers.get('x-image-height');
  const channels = response.headers.get('x-image-channels');
  const format = response.headers.get('x-image-format');
  summary.textContent = `${width} × ${height} ${format.toUpperCase()}, ${channels} channel${channels === '1' ? '' : 's'}.`;
  objectUrl = URL.createObjectURL(await response.blob());
  resultImage.src = objectUrl;
  resultImage.hidden = false;
}

async function submit(event) {
  event.preventDefault();
  errorBox.hidden = true;
  const file = fileInput.files[0];
  if (file === undefined) {
    showError('Choose an image file first.');
    return;
  }

  const operation = operationSelect.value;
  submitButton.disabled = true;
  try {
    const response = await fetch(endpointFor(operation) + buildQuery(operation), {
      method: 'POST',
      // An unknown type (a file without extension) goes as octet-stream; the service reads the bytes.
      headers: { 'content-type': file.type === '' ? 'application/octet-stream' : file.type },
      body: file,
    });

    if (!response.ok) {
      const body = await response.json().catch(() => ({ message: `HTTP ${response.status}` }));
      // Seeded fault vision.page-stale-result: the previous result stays on screen after an error.
      if (!faults.has('vision.page-stale-result')) clearResult();
      showError(body.message);
      return;
    }

    clearResult();
    if (operation === 'qr') showQr(await response.json());
    else if (operation === 'scan') showScan(await response.json());
    else await showImage(response);
    result.hidden = false;
  } catch (error) {
    clearResult();
    showError(`The service could not be reached: ${error.message}. Check that it is running.`);
  } finally {
    submitButton.disabled = false;
  }
}

operationSelect.addEventListener('change', showParameters);
form.addEventListener('submit', (event) => void submit(event));
showParameters();
