package core

import "log/slog"

// log records a refusal at debug level when the policy has a Logger. The
// strings it hands the logger are the logger's own: a handler may keep
// them (a buffered or asynchronous one does).
func (d *Decision) log(req *Request) {
	if d.Reason == ReasonNone || d.policy == nil || d.policy.logger == nil {
		return
	}
	ctx := req.Ctx()
	l := d.policy.logger
	if !l.Enabled(ctx, slog.LevelDebug) {
		return
	}
	origin := ""
	if len(req.Origin) > 0 {
		origin = req.own(clip(req.Origin[0]))
	}
	l.LogAttrs(ctx, slog.LevelDebug, d.Explain(),
		slog.String("reason", d.Why()),
		slog.String("kind", d.Kind.String()),
		slog.String("origin", origin),
		slog.String("method", req.own(req.Method)),
		slog.String("path", req.own(req.Path)),
	)
}
