package debt

// Deadlines of Code de procédure civile 641-642. Every deadline Amiable
// sets (the time given by a formal notice, a reminder's answer date, the
// wait for an acknowledgement of receipt) goes through these two methods.

// DeadlineDays returns the end of a deadline of n days from the event of
// date from: the event day is not counted (CPC 641 al. 1), so the deadline
// ends n days later; ending on a Saturday, Sunday, public holiday or
// closure day, it moves to the next working day (CPC 642). n is expected
// to be ≥ 0.
func (c Calendar) DeadlineDays(from Date, n int) Date {
	return c.NextWorkingDay(from.AddDays(n))
}

// DeadlineMonths returns the end of a deadline of n months from the event
// of date from: the day of the last month with the same day number, or
// that month's last day when it has none (CPC 641 al. 2: 31 January + 1
// month = 28 or 29 February); ending on a Saturday, Sunday, public holiday
// or closure day, it moves to the next working day (CPC 642).
func (c Calendar) DeadlineMonths(from Date, n int) Date {
	return c.NextWorkingDay(from.AddMonths(n))
}
