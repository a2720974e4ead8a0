@groups @group-mutes
Feature: Group mutes
  Muted members can not send messages in the group until their mute expires.
  Sources: 000 and 002.

  @G-MUTE-01 @C-03
  Scenario: Mute a member for a minute
    Given a group owned by alice with members bob
    When I mute bob in the group for 60000 ms
    Then the response is the success envelope
    And the JSON at "data" has 1 item
    And the result for bob is true
    And the mute answer shows bob until 60000 ms after the answer's timestamp
    And the group's mute list shows bob until 60000 ms after the mute

  @G-MUTE-01
  Scenario: Mute several members in one call
    Given a group owned by alice with members bob, carol and dave
    When I mute bob and carol in the group for 3600000 ms
    Then the response status is 200
    And the JSON at "data" has 2 items
    And the result for bob is true
    And the result for carol is true
    And the group's mute list shows carol until 3600000 ms after the mute
    And the group's mute list does not show dave

  @G-MUTE-01
  Scenario Outline: The mute duration must be an integer: <duration> is rejected
    Given a group owned by alice with members bob
    When I mute bob in the group with the mute_duration written as <duration>
    Then the response status is 400
    And the response has the service's error shape
    And the group's mute list does not show bob

    Examples:
      | duration  |
      | 1.5       |
      | "60000"   |

  @G-MUTE-02
  Scenario: A permanent mute (-1) ends at 4638873600000
    4638873600000 is 2117-01-01 00:00:00 UTC+8, in the answer and in the mute list.

    Given a group owned by alice with members bob
    When I mute bob in the group for -1 ms
    Then the response status is 200
    And the mute answer shows bob until 4638873600000
    And the group's mute list shows bob until 4638873600000

  @G-MUTE-03 @C-03
  Scenario: Unmute one member
    Given a group owned by alice with members bob and carol
    And bob and carol are muted in the group for 60000 ms
    When I unmute bob in the group
    Then the response is the success envelope
    And the JSON at "data" has 1 item
    And the result for bob is true
    And the group's mute list does not show bob
    And the group's mute list shows carol until 60000 ms after the mute

  @G-MUTE-03
  Scenario: Unmute several members in one call
    Given a group owned by alice with members bob, carol and dave
    And bob, carol and dave are muted in the group for -1 ms
    When I unmute bob and carol in the group
    Then the response status is 200
    And the JSON at "data" has 2 items
    And the result for bob is true
    And the result for carol is true
    And the group's mute list does not show bob
    And the group's mute list does not show carol
    And the group's mute list shows dave until 4638873600000

  @G-MUTE-04 @C-03 @O-01 @observed
  Scenario: The mute list shows each muted member and when the mute ends
    The two documents' examples show action "post" for this GET, against the envelope rule
    ("get"), and the service answers "post" too (O-01).

    Given a group owned by alice with members bob and carol
    And bob is muted in the group for -1 ms
    When I list the group's mutes
    Then the response is the success envelope (action not checked)
    And the JSON at "action" is "post"
    And the JSON at "data" has 1 item
    And the JSON at "data.0.user" is "bob"
    And the JSON at "data.0.expire" is 4638873600000

  @G-MUTE-04
  Scenario: A mute that has expired is no longer listed
    That an expired mute leaves the list is inferred.

    Given a group owned by alice with members bob and carol
    And bob is muted in the group for 1000 ms
    And carol is muted in the group for -1 ms
    When 2500 ms have passed
    Then the group's mute list does not show bob
    And the group's mute list shows carol until 4638873600000

  @G-MUTE-05 @C-09
  Scenario Outline: Mute calls on a group that does not exist answer 404: <call>
    Given a group that does not exist
    And the app has users "bob"
    When I call "<call>" on the group
    Then the response status is 404
    And the response error is "resource_not_found"

    Examples:
      | call       |
      | mute       |
      | unmute     |
      | list mutes |

  @G-MUTE-05 @C-07 @O-06 @observed @doc-conflict
  Scenario: Muting a user who does not exist answers 400
    Other reading: 000 gives 400 for a user who does not exist, and the mock said "username X
    doesn't exist!". The service answers 400 invalid_parameter naming every user who is not a
    member, registered or not (O-06).

    Given a group owned by alice with members bob
    And "ghost" is not a user of the app
    When I mute bob and ghost in the group for 60000 ms
    Then the response status is 400
    And the response has the service's error shape
    And the response error is "invalid_parameter"
    And the error description is "users [{ghost}] are not members of this group!"
    And the group's mute list is empty

  @G-MUTE-05 @C-07
  Scenario: Unmuting a user who does not exist answers 400
    Given a group owned by alice with members bob
    And "ghost" is not a user of the app
    When I unmute ghost in the group
    Then the response status is 400
    And the response has the service's error shape
    And the response error is "invalid_parameter"

  @G-MUTE-05
  Scenario: The owner can not be muted
    The documents name no status for the owner: 403, as for other forbidden operations on the
    owner, is inferred.

    Given a group owned by alice with members bob
    When I mute alice and bob in the group for 60000 ms
    Then the response status is 403
    And the response error is "forbidden_op"
    And the error description is "forbidden operation on group owner!"
    And the group's mute list is empty
