// Prints where @porthole/shared resolves for this process (run by sourceResolution.test.ts).
await import('@porthole/shared');
console.log(import.meta.resolve('@porthole/shared'));
