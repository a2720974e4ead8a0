@users
Feature: Users and rate limits
  Users named by group calls must be registered in the app first (C-07). The service answers
  429 or 503 when a caller goes too fast; the caller should pause and retry (C-04).

  @C-07
  Scenario: Register a user
    When I register the user dave
    Then the answer registers the user dave
    And the user dave exists

  @C-07
  Scenario: A group call naming a user who is not registered fails
    Given a group owned by alice
    And "ghost" is not a user of the app
    When I add ghost to the group
    Then the response status is 404
    And the error description is "username {ghost} doesn't exist!"

  @C-04 @mock-only
  Scenario Outline: A rate-limited call answers <status> in the service's error shape
    Runs on the mock only: the mock is told to answer the next call with <status>.

    Given the app has users "alice"
    And the mock answers the next 1 "GET /chatgroups" request with <status>
    When I send "GET" to "/chatgroups"
    Then the response status is <status>
    And the response has the service's error shape

    Examples:
      | status |
      | 429    |
      | 503    |

  @C-04 @mock-only
  Scenario: The client pauses and retries after 429 and 503, and then succeeds
    Given the app has users "alice"
    And the mock answers the next 1 "GET /chatgroups" request with 429
    And the mock answers the next 1 "GET /chatgroups" request with 503
    When I send "GET" to "/chatgroups" retrying 429 and 503 up to 3 times
    Then the response status is 200
    And the client retried 2 times

  @C-04 @mock-only
  Scenario: The client gives up after a bounded number of retries
    Given the app has users "alice"
    And the mock answers the next 5 "GET /chatgroups" requests with 503
    When I send "GET" to "/chatgroups" retrying 429 and 503 up to 2 times
    Then the response status is 503
    And the client retried 2 times
