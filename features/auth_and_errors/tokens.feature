@auth
Feature: App tokens
  Every call carries "Authorization: Bearer <app token>". The token comes from POST /token with
  the app's client credentials (the documents link to the App Token page, C-06).

  @C-06
  Scenario: Get an app token with the client credentials
    When I ask for an app token with the app's client credentials
    Then the answer is an app token

  @C-06
  Scenario: Ask for a token with a lifetime
    When I ask for an app token valid for 3600 seconds
    Then the answer is an app token valid for 3600 seconds
    When I use the new token from now on
    And I list the app's groups 1 at a time
    Then the response status is 200

  @C-06
  Scenario: Wrong client credentials get no token
    When I ask for an app token with a wrong client secret
    Then the response status is 401
    And the response has the service's error shape

  @C-06 @mock-only
  Scenario: A token is valid only for its own app
    Runs on the mock only: it needs a second app of the same org.

    Given the mock also hosts the app "otherapp"
    When I send "GET" to "/chatgroups?limit=1" in the app "otherapp"
    Then the response status is 401
    And the response error is "group_authorization"

  @C-01 @C-08 @O-03 @observed @doc-conflict
  Scenario: A call without a token is refused
    Other reading: C-01 gives "this token is bad, or has expired!" for a missing token; the
    service answers "token is blank!" when there is no Authorization header at all (O-03).

    When I send "GET" to "/chatgroups?limit=1" without a token
    Then the response status is 401
    And the response error is "group_authorization"
    And the response exception is "com.easemob.group.exception.GroupAuthorizationException"
    And the error description is "token is blank!"

  @C-01
  Scenario Outline: A malformed Authorization header is refused: <header>
    When I send "GET" to "/chatgroups?limit=1" with the Authorization header "<header>"
    Then the response status is 401
    And the response error is "group_authorization"
    And the error description is "this token is bad, or has expired!"

    Examples:
      | header             |
      | Bearer             |
      | Basic YWxpY2U6cHc= |
      | YWMtnotabearer     |

  @C-01
  Scenario: A token the service never issued is refused
    When I send "GET" to "/chatgroups?limit=1" with a token that was never issued
    Then the response status is 401
    And the response error is "group_authorization"
    And the error description is "this token is bad, or has expired!"

  @C-01
  Scenario: An expired token is refused
    The scenario asks for a token that lives one second and waits for it to expire.

    When I send "GET" to "/chatgroups?limit=1" with an expired token
    Then the response status is 401
    And the response error is "group_authorization"
    And the error description is "this token is bad, or has expired!"

  @C-01
  Scenario Outline: Every group call needs a token: <call>
    Given a group owned by alice with members bob
    When I call "<call>" on the group without a token
    Then the response status is 401
    And the response error is "group_authorization"

    Examples:
      | call                 |
      | get details          |
      | list members         |
      | remove a member      |
      | list admins          |
      | list the block list  |
      | list mutes           |
      | get the announcement |
      | delete               |
