import { describe, expect, it } from 'vitest';
import { hasMarker, reviewMarker } from '../../../src/report/pr-comment/marker.js';

describe('reviewMarker', () => {
  it('names the workflow and the job', () => {
    expect(reviewMarker('CI', 'build')).toBe('<!-- hubcap:review:CI:build -->');
    expect(reviewMarker('Build & test (main)', 'lint-docker')).toBe(
      '<!-- hubcap:review:Build & test (main):lint-docker -->',
    );
  });

  it('encodes what could end the comment, split the marker or break the line', () => {
    expect(reviewMarker('a-->b', 'x:y')).toBe('<!-- hubcap:review:a--%3Eb:x%3Ay -->');
    expect(reviewMarker('two\nlines', '100%')).toBe('<!-- hubcap:review:two%0Alines:100%25 -->');
    expect(reviewMarker('Größe', '')).toBe('<!-- hubcap:review:Gr%C3%B6%C3%9Fe:_ -->');
  });

  it('keeps different workflow/job pairs apart', () => {
    expect(reviewMarker('a:b', 'c')).not.toBe(reviewMarker('a', 'b:c'));
    expect(reviewMarker('CI', 'build')).not.toBe(reviewMarker('CI', 'build-2'));
  });
});

describe('hasMarker', () => {
  const marker = reviewMarker('CI', 'build');

  it('finds the marker on the first line only', () => {
    expect(hasMarker(`${marker}\n### hubcap`, marker)).toBe(true);
    expect(hasMarker(`${marker}\r\nbody`, marker)).toBe(true);
    expect(hasMarker(`\uFEFF${marker}`, marker)).toBe(true);
    expect(hasMarker(`> ${marker}\nquoted`, marker)).toBe(false);
    expect(hasMarker(`thanks!\n${marker}`, marker)).toBe(false);
  });

  it('does not take another job for this one', () => {
    expect(hasMarker(reviewMarker('CI', 'build-2'), marker)).toBe(false);
    expect(hasMarker(null, marker)).toBe(false);
    expect(hasMarker('', marker)).toBe(false);
  });
});
