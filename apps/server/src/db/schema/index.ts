// One module per area; the database schema is their union.
export * from "./agencies.schema.js";
export * from "./users.schema.js";
export * from "./audit.schema.js";
export * from "./indicators.schema.js";
export * from "./campaigns.schema.js";
export * from "./workspace.schema.js";
export * from "./notifications.schema.js";
export * from "./catalogue-changes.schema.js";
export * from "./compile.schema.js";
export * from "./figures.schema.js";
export * from "./reminders.schema.js";
export * from "./comments.schema.js";
export * from "./action-programme.schema.js";
