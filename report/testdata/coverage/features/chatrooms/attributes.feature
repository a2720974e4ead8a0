Feature: Chatroom attributes

  @R-META-04
  Scenario: Forced set overwrites another user's key
    When carol force-sets "colour"
    Then the response status is 200

  @R-META-4
  Scenario: A tag with a typo
    When nothing
    Then the response status is 200

  Scenario: An untagged scenario
    When nothing
    Then the response status is 200
