/** npm run fixtures:vision: regenerates systems-under-test/vision/fixtures and its expected results. */
import { FIXTURES_DIR, generateFixtures } from './generate-fixtures.ts';

const written = await generateFixtures();
console.log(`Wrote ${written.length} files under ${FIXTURES_DIR}.`);
