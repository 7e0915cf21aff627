// The browser-test harness: start the app, drive Chromium, check accessibility and HTML.

export { type DemoRole, demoAccounts, logoutButton, signInAs, signOut } from "./auth.js";
export { type AxeProblem, checkAxe, formatAxe, wcagTags } from "./axe.js";
export { chromiumPath, closeBrowser, launchBrowser, newContext } from "./browser.js";
export { journeyPage, lookAt, shotsDir, sidewaysScroll } from "./journey.js";
export { checkPageBasics, focusIndicator } from "./page-checks.js";
export { type StartedServer, type StartServerOptions, startServer } from "./server.js";
export { formatHtmlProblems, type HtmlProblem, validateHtml } from "./vnu.js";
