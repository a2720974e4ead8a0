package steps

import "github.com/cucumber/godog"

func registerChatroomSteps(sc *godog.ScenarioContext) {}
