// Package indo is the one place where the bot speaks Indonesian numbers,
// money, dates and chat text: formatting for replies (Telegram HTML parse
// mode) and lenient parsing of what civil servants type on their phones.
//
// Parsers accept the forms people actually write ("1.250", "1,25 jt",
// "maret 2023", "minggu lalu") and reject anything ambiguous rather than
// guess. Their errors are *Error values whose text is one friendly sentence
// that says what to type instead, safe to show in a chat as is.
package indo
