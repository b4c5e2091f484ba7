import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

// findBy… and waitFor wait for a condition; their timeout only says when to give up. The
// default, 1 s of wall-clock time, counts the queries themselves (a *ByRole query computes
// accessible names over the whole page), and on a loaded 2-core machine those and the renders
// between them took all of it: SettingsOutbox.test.tsx failed with the schedule loaded and its
// form one render away. 10 s keeps a real failure quick, well inside the 30 s test timeout,
// without failing passing tests under load.
configure({ asyncUtilTimeout: 10_000 });

afterEach(() => {
  cleanup();
});
