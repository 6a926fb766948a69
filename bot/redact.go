package main

import (
	"errors"
	"strings"
)

// redact removes the bot token from an error text; net/http errors quote
// request URLs, and Telegram URLs carry the token.
func redact(err error, token string) error {
	if err == nil || token == "" || !strings.Contains(err.Error(), token) {
		return err
	}
	return errors.New(strings.ReplaceAll(err.Error(), token, "<token>"))
}
