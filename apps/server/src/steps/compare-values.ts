/** Says where two strings part, so one wrong character pasted from SAP is easy to find. */
export function describeDifference(label: string, expected: string, actual: string): string {
  let index = 0;
  while (index < expected.length && index < actual.length && expected[index] === actual[index]) index += 1;
  const position = index + 1;
  if (actual.length > expected.length && index === expected.length) {
    return `${label} has extra characters from position ${position} on ("${actual.slice(index)}"). Expected ${expected}.`;
  }
  if (index === actual.length) return `${label} is cut short at position ${position}. Expected ${expected}.`;
  return `${label} differs from position ${position} on: expected "${expected.slice(index)}", found "${actual.slice(index)}". Expected ${expected}.`;
}
