@groups @today
Feature: Group mute-all (today's pages group_member_mute_all.md, group_member_unmute_all.md)
  POST /chatgroups/{group_id}/ban mutes every member; DELETE lifts it. Sending is outside these
  APIs, so the @mock-only scenarios read who may send from the mock's control API.

  @G-BAN-01 @G-BAN-08 @O-14 @observed @doc-conflict
  Scenario: Mute-all answers mute true with action put, and the group's details show it
    Other reading: the page's example answers "action": "post"; production answered "put" (2021),
    as the chatroom's mute-all does (O-14).

    Given a group owned by alice with members bob
    When I mute everyone in the group
    Then the response status is 200
    And the response is the success envelope (action not checked)
    And the JSON at "action" is "put"
    And the JSON at "data.mute" is true
    And the JSON at "entities" has 0 items
    When I ask for the group's details
    Then the JSON at "data.0.mute" is true

  @G-BAN-02 @G-BAN-08
  Scenario: Lifting mute-all answers mute false, and the group's details show it
    Given a group owned by alice with members bob
    When I mute everyone in the group
    And I lift the mute on everyone in the group
    Then the response status is 200
    And the response is the success envelope
    And the JSON at "data.mute" is false
    When I ask for the group's details
    Then the JSON at "data.0.mute" is false

  @G-BAN-03
  Scenario Outline: "<call> everyone" in a group that does not exist answers 404
    Given a group that does not exist
    When I <call> everyone in the group
    Then the response status is 404
    And the response error is "resource_not_found"
    And the error description is "grpID {group} does not exist!"

    Examples:
      | call             |
      | mute             |
      | lift the mute on |

  @G-BAN-04 @doc-conflict
  Scenario: Mute-all neither adds to nor lifts the mute list
    group_member.md@doc-v2 says mute-all adds every member to the mute list; the current page
    keeps the two apart, and the mock follows it.

    Given a group owned by alice with members bob and carol
    And bob is muted in the group for 60000 ms
    When I mute everyone in the group
    Then the response status is 200
    And the group's mute list shows bob until 60000 ms after the mute
    And the group's mute list does not show carol
    When I lift the mute on everyone in the group
    Then the response status is 200
    And the group's mute list shows bob until 60000 ms after the mute

  @G-BAN-05
  Scenario: Mute-all has no duration and stays until it is lifted
    Given a group owned by alice with members bob
    When I mute everyone in the group
    And 2500 ms have passed
    And I ask for the group's details
    Then the JSON at "data.0.mute" is true

  @G-BAN-06 @G-WHITE-08 @mock-only
  Scenario: During mute-all only the owner, admins and allow-listed members may send
    Given a group owned by alice with members bob, carol and dave
    And bob is an admin of the group
    When I add carol to the group's allow list
    And I mute everyone in the group
    Then the mock says the group is muted for everyone
    And the mock says alice may send in the group
    And the mock says bob may send in the group
    And the mock says carol may send in the group
    And the mock says dave may not send in the group
    When I lift the mute on everyone in the group
    Then the mock says the group is not muted for everyone
    And the mock says dave may send in the group

  @G-BAN-07 @G-WHITE-08 @mock-only
  Scenario: A muted member may not send during mute-all even when allow-listed
    Given a group owned by alice with members bob
    And bob is muted in the group for 60000 ms
    When I add bob to the group's allow list
    And I mute everyone in the group
    Then the mock says bob may not send in the group

  @G-BAN-09
  Scenario: Muting a muted group, or lifting mute-all that is off, answers the resulting state
    The pages do not say; inferred: 200 with the state.

    Given a group owned by alice with members bob
    When I lift the mute on everyone in the group
    Then the response status is 200
    And the JSON at "data.mute" is false
    When I mute everyone in the group
    And I mute everyone in the group
    Then the response status is 200
    And the JSON at "data.mute" is true
    When I ask for the group's details
    Then the JSON at "data.0.mute" is true

  @G-BAN-09 @mock-only
  Scenario: A user who joins during mute-all is muted too
    Inferred for groups (the pages state it for chatrooms): only allow-listed users may speak.

    Given a group owned by alice with members bob
    And the app has users "dave"
    When I mute everyone in the group
    And I add dave to the group
    Then the mock says dave may not send in the group
