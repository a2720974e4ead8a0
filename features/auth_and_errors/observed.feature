@errors @observed
Feature: Errors and tokens as the real service answers
  The real service names every bad group or chatroom request invalid_parameter, while the user
  and token calls keep their own names (catalogue part O, behaviours-observed.md). Client SDKs
  send token requests the documents do not show, and the service takes them.

  @O-02 @C-08
  Scenario: A group call the contract refuses answers invalid_parameter naming the field
    Given a group owned by alice with members bob
    When I mute bob in the group with the mute_duration written as "soon"
    Then the response status is 400
    And the response has the service's error shape
    And the response error is "invalid_parameter"
    And the response exception is "com.easemob.group.exception.InvalidParameterException"
    And the error description contains "mute_duration"
    And the group's mute list is empty

  @O-02 @C-07
  Scenario: A user registration the contract refuses keeps illegal_argument
    The user calls are not the group service: their 400s keep the user rows' names.

    When I register a user named "not a name!", breaking the spec (a username is letters, digits, _, - and .)
    Then the response status is 400
    And the response error is "illegal_argument"
    And the response exception is "java.lang.IllegalArgumentException"
    And the error description contains "username"

  @O-02 @C-07
  Scenario: Registering a user twice keeps duplicate_unique_property_exists
    When I register the user dave
    And I register the user dave
    Then the response status is 400
    And the response error is "duplicate_unique_property_exists"
    And the user dave exists

  @O-02 @C-06
  Scenario: A token request the contract refuses keeps illegal_argument
    When I ask for an app token with the ttl written as -1
    Then the response status is 400
    And the response error is "illegal_argument"
    And the error description contains "ttl"

  @O-03 @C-01 @doc-conflict
  Scenario: A call with no Authorization header at all answers "token is blank!"
    Other reading: C-01 gives "this token is bad, or has expired!" for a missing token as for a
    bad one. The service says "token is blank!" when there is no header; a malformed or
    unknown token keeps the C-01 words.

    When I send "GET" to "/chatgroups?limit=1" without a token
    Then the response status is 401
    And the response error is "group_authorization"
    And the response exception is "com.easemob.group.exception.GroupAuthorizationException"
    And the error description is "token is blank!"
    When I send "GET" to "/chatgroups?limit=1" with the Authorization header "Bearer "
    Then the response status is 401
    And the error description is "this token is bad, or has expired!"

  @O-12 @C-06
  Scenario: "ttl": "" in a token request is the default lifetime
    A Go server SDK sends "ttl": "" when no lifetime is set; the service answers a token.

    When I ask for an app token with the ttl written as ""
    Then the answer is an app token
    When I use the new token from now on
    And I list the app's groups 1 at a time
    Then the response status is 200
