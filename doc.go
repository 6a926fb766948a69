// Package tkpkbot holds the domain of the TKPK Kalimantan Timur bot: regions,
// poverty figures, people and their roles, weekly reports and meetings, and
// the errors the rest of the program speaks in. Subpackages implement the
// services declared here (store/ with PostgreSQL, handlers/ with Telegram,
// reminders/ with the scheduler); bot/ wires them together.
package tkpkbot
