// Iris form: validates the four measurements in the browser, then sends them to POST /predict
// on the same origin and shows the species and the class probabilities.

// Same limits as the API's JSON Schema: each value must be > 0 and <= 30 cm.
const MAX_CM = 30;

const FIELDS = [
  { id: 'sepal-length', name: 'sepalLength', label: 'Sepal length' },
  { id: 'sepal-width', name: 'sepalWidth', label: 'Sepal width' },
  { id: 'petal-length', name: 'petalLength', label: 'Petal length' },
  { id: 'petal-width', name: 'petalWidth', label: 'Petal width' },
];

const form = document.getElementById('predict-form');
const button = document.getElementById('predict-button');
const serverError = document.getElementById('server-error');
const resultSpecies = document.getElementById('result-species');
const resultProbabilities = document.getElementById('result-probabilities');
const resultModel = document.getElementById('result-model');

// Seeded faults that the server switched on for this page; the attribute exists in test runs only.
const pageFaults = new Set((document.documentElement.dataset.faults ?? '').split(' '));

/** Returns the error message for one input, or an empty string when the value is valid. */
function validateField(field, input) {
  const text = input.value.trim();

  // A number input reports non-numeric text as badInput with an empty value.
  if (input.validity.badInput) {
    return `${field.label} must be a number.`;
  }
  if (text === '') {
    return `${field.label} is required.`;
  }

  const value = Number(text);
  if (!Number.isFinite(value)) {
    return `${field.label} must be a number.`;
  }
  if (value <= 0) {
    return `${field.label} must be greater than 0 cm.`;
  }
  if (value > MAX_CM) {
    return `${field.label} must be at most ${MAX_CM} cm.`;
  }

  return '';
}

function showFieldError(field, input, message) {
  const errorElement = document.getElementById(`${field.id}-error`);
  errorElement.textContent = message;
  errorElement.hidden = message === '';
  if (message === '') {
    input.removeAttribute('aria-invalid');
  } else {
    input.setAttribute('aria-invalid', 'true');
  }
}

function clearResult() {
  resultSpecies.textContent = '';
  resultProbabilities.replaceChildren();
  resultModel.textContent = '';
}

function renderResult(prediction) {
  resultSpecies.textContent = `Predicted species: ${prediction.species}`;

  const items = Object.entries(prediction.probabilities).map(([species, probability]) => {
    const percent = `${(probability * 100).toFixed(1)}%`;

    const item = document.createElement('li');
    item.className = 'probability';

    const name = document.createElement('span');
    name.textContent = species;

    const value = document.createElement('span');
    value.textContent = percent;

    const bar = document.createElement('span');
    bar.className = 'probability-bar';
    bar.setAttribute('aria-hidden', 'true');
    const fill = document.createElement('span');
    fill.className = 'probability-fill';
    fill.style.display = 'block';
    fill.style.width = percent;
    bar.append(fill);

    item.append(name, ' ', value, bar);
    return item;
  });

  resultProbabilities.replaceChildren(...items);
  resultModel.textContent = `Model version ${prediction.modelVersion}`;
}

/** Builds the message for a failed request from the API's error body, when it has one. */
async function describeFailure(response) {
  try {
    const body = await response.json();
    if (typeof body.message === 'string') {
      return `The prediction failed (${response.status}): ${body.message}`;
    }
  } catch {
    // The body was not JSON, so only the status is shown.
  }
  return `The prediction failed with HTTP status ${response.status}. Try again later.`;
}

async function submitPrediction(sample) {
  button.disabled = true;
  serverError.textContent = '';
  clearResult();
  resultSpecies.textContent = 'Predicting…';

  try {
    const response = await fetch('/predict', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(sample),
    });
    if (!response.ok) {
      clearResult();
      serverError.textContent = await describeFailure(response);
      return;
    }
    renderResult(await response.json());
  } catch {
    clearResult();
    serverError.textContent =
      'The prediction service could not be reached. Check that the server is running and try again.';
  } finally {
    button.disabled = false;
    // Seeded fault iris.lost-result: the finished request clears the result it has just shown.
    if (pageFaults.has('iris.lost-result')) clearResult();
  }
}

form.addEventListener('submit', (event) => {
  event.preventDefault();

  const sample = {};
  let firstInvalid = null;
  for (const field of FIELDS) {
    const input = document.getElementById(field.id);
    const message = validateField(field, input);
    showFieldError(field, input, message);
    if (message !== '' && firstInvalid === null) {
      firstInvalid = input;
    }
    sample[field.name] = Number(input.value.trim());
  }

  if (firstInvalid !== null) {
    serverError.textContent = '';
    clearResult();
    firstInvalid.focus();
    return;
  }

  void submitPrediction(sample);
});

// Re-check a field once it loses focus, so a fixed value clears its message right away.
for (const field of FIELDS) {
  const input = document.getElementById(field.id);
  input.addEventListener('blur', () => {
    if (input.getAttribute('aria-invalid') === 'true') {
      showFieldError(field, input, validateField(field, input));
    }
  });
}
