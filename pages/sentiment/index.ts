export { SentimentPage, type ShownWord } from './sentiment-page.ts';
