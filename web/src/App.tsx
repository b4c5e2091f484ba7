/**
 * Providers and routes. Signed out (no session, or any 401 later) shows the login page on every
 * route; signing in keeps the URL, so a deep link works after login.
 */
import { QueryClientProvider, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link, Route, Switch } from 'wouter';
import { AuthProvider, useAuth } from './auth.js';
import { ChangePasswordForm } from './components/ChangePasswordForm.js';
import { Layout } from './components/Layout.js';
import { NoticesProvider } from './components/Notices.js';
import { Spinner } from './components/Spinner.js';
import { JobsProvider } from './jobs.js';
import { DashboardPage } from './pages/DashboardPage.js';
import { ExpenseImportPage } from './pages/ExpenseImportPage.js';
import { JobDetailPage } from './pages/JobDetailPage.js';
import { JobsPage } from './pages/JobsPage.js';
import { LoginPage } from './pages/LoginPage.js';
import { OutboxPage } from './pages/OutboxPage.js';
import { OwnerPage } from './pages/OwnerPage.js';
import { PayoutsPage } from './pages/PayoutsPage.js';
import { PropertiesPage } from './pages/PropertiesPage.js';
import { SettingsPage } from './pages/SettingsPage.js';
import { StatementPage } from './pages/StatementPage.js';
import { UsersPage } from './pages/UsersPage.js';
import { createQueryClient } from './queries.js';

function NotFound() {
  return (
    <>
      <h1>Page not found</h1>
      <p>
        <Link href="/">Back to statements</Link>
      </p>
    </>
  );
}

function Forbidden() {
  return (
    <>
      <h1>Not allowed</h1>
      <p>Your role may not open this page.</p>
    </>
  );
}

function Routes() {
  const { can } = useAuth();
  return (
    <Switch>
      <Route path="/">
        <DashboardPage />
      </Route>
      <Route path="/statements/:id">{(params) => <StatementPage key={params.id} id={params.id} />}</Route>
      <Route path="/owners/:id">{(params) => <OwnerPage key={params.id} id={params.id} />}</Route>
      <Route path="/jobs">
        <JobsPage />
      </Route>
      <Route path="/jobs/:id">{(params) => <JobDetailPage key={params.id} id={params.id} />}</Route>
      <Route path="/properties">
        <PropertiesPage />
      </Route>
      <Route path="/payouts">
        <PayoutsPage />
      </Route>
      <Route path="/users">{can('users:manage') ? <UsersPage /> : <Forbidden />}</Route>
      <Route path="/expense-imports">{can('statements:edit') ? <ExpenseImportPage /> : <Forbidden />}</Route>
      <Route path="/outbox">{can('statements:edit') ? <OutboxPage /> : <Forbidden />}</Route>
      <Route path="/settings">
        <SettingsPage />
      </Route>
      <Route>
        <NotFound />
      </Route>
    </Switch>
  );
}

function Shell() {
  const { state, reload } = useAuth();
  const client = useQueryClient();
  // What one user was shown is not the next one's: the cache goes with the session.
  useEffect(() => {
    if (state.status === 'signed-out') client.clear();
  }, [state.status, client]);
  if (state.status === 'loading') {
    return (
      <main className="login" id="main">
        <Spinner label="Loading..." />
      </main>
    );
  }
  if (state.status === 'error') {
    return (
      <main className="login" id="main">
        <div className="login-card">
          <h1>Owner Statements</h1>
          <p role="alert" className="form-error">
            {state.message}
          </p>
          <button type="button" onClick={() => void reload()}>
            Try again
          </button>
        </div>
      </main>
    );
  }
  if (state.status === 'signed-out') {
    return <LoginPage notice={state.expired ? 'Your session ended. Please sign in again.' : undefined} />;
  }
  if (state.me.user.mustChangePassword) {
    // Signed in with an admin's one-time password: the server opens nothing else until it is replaced.
    return (
      <main className="login" id="main">
        <div className="login-card">
          <p className="brand">Owner Statements</p>
          <h1>Choose a new password</h1>
          <p className="hint">You signed in with a one-time password. Choose your own to continue.</p>
          <ChangePasswordForm currentLabel="One-time password" onChanged={() => void reload()} />
        </div>
      </main>
    );
  }
  return (
    // Keyed by user: a different user starts with no followed jobs from the previous one.
    <JobsProvider key={state.me.user.id}>
      <Layout>
        <Routes />
      </Layout>
    </JobsProvider>
  );
}

export function App() {
  const [client] = useState(createQueryClient);
  return (
    <QueryClientProvider client={client}>
      <NoticesProvider>
        <AuthProvider>
          <Shell />
        </AuthProvider>
      </NoticesProvider>
    </QueryClientProvider>
  );
}
