// Package tkpkbot holds the domain of the TKPK Kalimantan Timur bot: regions,
// poverty figures, people and their roles, weekly reports and meetings, and
// the errors the rest of the program speaks in, with the rules each type
// checks itself. It imports no project package. Subpackages implement the
// services declared here (store/ with PostgreSQL, figures/ in memory,
// handlers/ with Telegram, reminders/ with the scheduler); bot/ wires them
// together.
package tkpkbot
