// Transitional: other modules still import this path while they move to ./index.ts.
// Remove once nothing imports it.
export { type EventView, getEventForRegistration, listPublicEvents, listUpcomingEvents } from "./index.js";
