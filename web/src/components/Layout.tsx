/** The signed-in frame: header with navigation, notices, live job progress, then the page. */
import type { ReactNode } from 'react';
import { Link, useLocation } from 'wouter';
import { useAuth } from '../auth.js';
import { NoticesRegion } from './Notices.js';
import { RunningJobs } from './RunningJobs.js';

function NavLink({ href, children }: { href: string; children: ReactNode }) {
  const [location] = useLocation();
  const active =
    href === '/' ? location === '/' || location.startsWith('/statements') : location.startsWith(href);
  return (
    <Link
      href={href}
      className={active ? 'nav-link active' : 'nav-link'}
      aria-current={active ? 'page' : undefined}
    >
      {children}
    </Link>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const { me, can, signOut } = useAuth();
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <span className="brand">Owner Statements</span>
        <nav aria-label="Main" className="nav">
          <NavLink href="/">Statements</NavLink>
          <NavLink href="/jobs">Jobs</NavLink>
          <NavLink href="/properties">Properties</NavLink>
          <NavLink href="/payouts">Payouts</NavLink>
          {can('users:manage') ? <NavLink href="/users">Users</NavLink> : null}
          {can('statements:edit') ? <NavLink href="/expense-imports">Import expenses</NavLink> : null}
          {can('statements:edit') ? <NavLink href="/outbox">Outbox</NavLink> : null}
          <NavLink href="/settings">Settings</NavLink>
        </nav>
        <div className="user-box">
          {me ? (
            <span className="user-name" title={me.user.email}>
              {me.user.name || me.user.email} <span className="role-badge">{me.user.role}</span>
            </span>
          ) : null}
          <button type="button" className="button-small" onClick={() => void signOut()}>
            Sign out
          </button>
        </div>
      </header>
      <NoticesRegion />
      <RunningJobs />
      <main id="main" className="main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
