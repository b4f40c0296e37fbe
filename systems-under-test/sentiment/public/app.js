// Browser script of the sentiment page: validates the sentence, calls POST /sentiment and
// shows the label, the score and the words that drove it.

const MAX_TEXT_LENGTH = 2000;

const form = document.getElementById('sentiment-form');
const textField = document.getElementById('text');
const textCount = document.getElementById('text-count');
const textError = document.getElementById('text-error');
const serverError = document.getElementById('server-error');
const labelLine = document.querySelector('.result-label');
const labelValue = document.getElementById('result-label');
const scoreLine = document.querySelector('.result-score');
const scoreValue = document.getElementById('result-score');
const wordsTitle = document.querySelector('.result-words-title');
const wordsList = document.getElementById('result-words');

// Seeded faults that act in the page arrive in a meta tag; the server adds it only when one is on.
const faultsMeta = document.querySelector('meta[name="nova-faults"]');
const pageFaults = new Set(faultsMeta ? faultsMeta.content.split(',') : []);

/** Length in Unicode code points, as the API counts it. */
function codePointLength(text) {
  return Array.from(text).length;
}

function formatScore(score) {
  return score > 0 ? `+${score}` : String(score);
}

function showFieldError(message) {
  textError.textContent = message;
  textError.hidden = false;
  textField.setAttribute('aria-invalid', 'true');
  textField.focus();
}

function clearMessages() {
  textError.hidden = true;
  textError.textContent = '';
  textField.removeAttribute('aria-invalid');
  serverError.hidden = true;
  serverError.textContent = '';
}

function clearResult() {
  labelLine.hidden = true;
  scoreLine.hidden = true;
  wordsTitle.hidden = true;
  labelValue.textContent = '';
  labelValue.className = '';
  scoreValue.textContent = '';
  wordsList.replaceChildren();
}

function describeWord(word) {
  const modifiers = word.modifiers.length > 0 ? ` (${word.modifiers.join(', ')})` : '';
  return `${word.word} ${formatScore(word.score)}${modifiers}`;
}

function showResult(result) {
  // Seeded fault sentiment.page-label-hidden: the label is left empty while the score shows.
  if (!pageFaults.has('sentiment.page-label-hidden')) {
    labelValue.textContent = result.label;
  }
  labelValue.className = `label-${result.label}`;
  // Seeded fault sentiment.label-colours-swapped: positive gets the negative colour and back.
  if (pageFaults.has('sentiment.label-colours-swapped')) {
    const swapped = { positive: 'negative', negative: 'positive', neutral: 'neutral' };
    labelValue.className = `label-${swapped[result.label]}`;
  }
  labelLine.hidden = false;

  scoreValue.textContent = formatScore(result.score);
  scoreLine.hidden = false;

  wordsTitle.hidden = false;
  const items = result.words.map((word) => {
    const item = document.createElement('li');
    item.textContent = describeWord(word);
    item.className = word.score > 0 ? 'word-positive' : 'word-negative';
    return item;
  });
  if (items.length === 0) {
    const item = document.createElement('li');
    item.textContent = 'No word of the sentence is in the lexicon.';
    item.className = 'word-none';
    items.push(item);
  }
  wordsList.replaceChildren(...items);
}

/** Returns the problem with the typed text, or undefined when it can be sent. */
function validateText(text) {
  if (text.trim() === '') return 'Type a sentence first.';
  const length = codePointLength(text);
  if (length > MAX_TEXT_LENGTH) {
    return `The sentence is ${length} characters long; the limit is ${MAX_TEXT_LENGTH}. Shorten it.`;
  }
  return undefined;
}

async function analyze() {
  clearMessages();
  const text = textField.value;
  const problem = validateText(text);
  if (problem !== undefined) {
    clearResult();
    showFieldError(problem);
    return;
  }

  let response;
  try {
    response = await fetch('/sentiment', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text }),
    });
  } catch {
    clearResult();
    serverError.textContent =
      'The sentiment service cannot be reached. Check that it runs and try again.';
    serverError.hidden = false;
    return;
  }

  const body = await response.json().catch(() => undefined);
  clearResult();
  if (!response.ok) {
    const reason =
      body && typeof body.message === 'string' ? body.message : `status ${response.status}`;
    serverError.textContent = `The text was not analyzed: ${reason}`;
    serverError.hidden = false;
    return;
  }
  showResult(body);
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  void analyze();
});

textField.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    form.requestSubmit();
  }
});

textField.addEventListener('input', () => {
  const length = codePointLength(textField.value);
  textCount.textContent = `${length} / ${MAX_TEXT_LENGTH} characters`;
  textCount.classList.toggle('over-limit', length > MAX_TEXT_LENGTH);
});
