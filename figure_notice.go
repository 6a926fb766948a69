package tkpkbot

import "context"

// FigureChange is one value an import added or changed, as recorded in
// the import's transaction.
type FigureChange struct {
	RegionCode string
	Indicator  Indicator
	Period     Period
	Source     string
	HadOld     bool // false: the value is new
	Old, New   float64
	Decimals   int
	Unit       string
}

// Subscription is which regions' new figures a person is told about.
type Subscription struct {
	Regions []string // region codes, in Regions order
	// Default: the person never chose, so a coordinator follows their own
	// region and anyone else nothing.
	Default bool
}

// SubscriptionService stores subscriptions and answers what an import
// changed for one person.
type SubscriptionService interface {
	Subscription(ctx context.Context, userID int64) (Subscription, error)
	// SetSubscription replaces the person's regions; none turns notices
	// off (also a coordinator's default).
	SetSubscription(ctx context.Context, userID int64, regions []string) (Subscription, error)
	// NoticeChanges lists what import changed in the regions userID
	// follows now, so a subscription ended before the send is honoured.
	NoticeChanges(ctx context.Context, importID, userID int64) ([]FigureChange, error)
}
