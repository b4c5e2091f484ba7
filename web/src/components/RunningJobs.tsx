/**
 * The live line of every followed job, shown on every page (in the layout), each with the notice
 * that announced its job until the job ends; dismissing the line dismisses that notice too.
 */
import { useAuth } from '../auth.js';
import { useJobs } from '../jobs.js';
import { JobProgressBar } from './JobProgressBar.js';
import { useNotices } from './Notices.js';

export function RunningJobs() {
  const { tracked, dismiss, itemFinished, jobFinished } = useJobs();
  const { notices, dismiss: dismissNotice } = useNotices();
  const { can } = useAuth();
  if (tracked.length === 0) return null;
  return (
    <section className="running-jobs" aria-label="Background jobs">
      {tracked.map((t) => {
        const notice = notices.find((n) => n.jobId === t.id);
        return (
          <JobProgressBar
            key={t.id}
            jobId={t.id}
            job={t.job}
            canCancel={can('jobs:manage')}
            notice={notice}
            onItem={itemFinished}
            onFinished={jobFinished}
            onDismiss={() => {
              dismiss(t.id);
              if (notice) dismissNotice(notice.id);
            }}
          />
        );
      })}
    </section>
  );
}
