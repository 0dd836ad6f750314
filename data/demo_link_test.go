package data_test

import (
	"context"

	"amiable/data"
	"amiable/demo"
)

func init() {
	data.DemoFill = func(ctx context.Context, s *data.Store, o data.DemoOptions) (data.DemoResult, error) {
		r, err := demo.Fill(ctx, s, demo.Options{Cases: o.Cases, Seed: o.Seed, Now: o.Now})
		return data.DemoResult{Cases: r.Cases, Mails: r.Mails, Full: r}, err
	}
}
