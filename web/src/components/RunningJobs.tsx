/** The live progress bars of every followed job, shown on every page (in the layout). */
import { useAuth } from '../auth.js';
import { useJobs } from '../jobs.js';
import { JobProgressBar } from './JobProgressBar.js';

export function RunningJobs() {
  const { tracked, dismiss, itemFinished, jobFinished } = useJobs();
  const { can } = useAuth();
  if (tracked.length === 0) return null;
  return (
    <section className="running-jobs" aria-label="Background jobs">
      {tracked.map((t) => (
        <JobProgressBar
          key={t.id}
          jobId={t.id}
          job={t.job}
          canCancel={can('jobs:manage')}
          onItem={itemFinished}
          onFinished={jobFinished}
          onDismiss={() => dismiss(t.id)}
        />
      ))}
    </section>
  );
}
