//go:build windows

package data

func setUmask(int) func() { return func() {} }
