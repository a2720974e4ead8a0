@groups @today
Feature: Disabling and enabling a group (today's pages group_ban.md, group_unban.md)
  The pages titled "ban a group" are about /disable and /enable; /ban is mute-all.

  @G-DIS-01 @G-DIS-04
  Scenario: Disabling answers disabled true with empty properties, and the details show it
    Given a group owned by alice with members bob
    When I disable the group
    Then the response status is 200
    And the response is the success envelope
    And the JSON at "data.disabled" is true
    And the JSON at "properties" exists
    When I ask for the group's details
    Then the JSON at "data.0.disabled" is true

  @G-DIS-02 @G-DIS-04
  Scenario: Enabling answers disabled false, and the details show it
    Given a group owned by alice with members bob
    When I ask for the group's details
    Then the JSON at "data.0.disabled" is false
    When I disable the group
    And I enable the group
    Then the response status is 200
    And the response is the success envelope
    And the JSON at "data.disabled" is false
    And the JSON at "properties" exists
    When I ask for the group's details
    Then the JSON at "data.0.disabled" is false

  @G-DIS-03
  Scenario Outline: <call> on a group that does not exist answers 404
    Given a group that does not exist
    When I <call> the group
    Then the response status is 404
    And the response error is "resource_not_found"
    And the error description is "grpID {group} does not exist!"

    Examples:
      | call    |
      | disable |
      | enable  |

  @G-DIS-05 @mock-only
  Scenario: While a group is disabled no member may send; after enabling they may again
    Given a group owned by alice with members bob
    When I disable the group
    Then the mock says the group is disabled
    And the mock says alice may not send in the group
    And the mock says bob may not send in the group
    When I enable the group
    Then the mock says the group is not disabled
    And the mock says bob may send in the group

  @G-DIS-06
  Scenario: A disabled group refuses changes with 403 and keeps its state; reads still work
    Inferred: the joined-groups page says no modification can be made to a disabled group; no
    page gives the status, the mock answers 403 forbidden_op.

    Given a group owned by alice with members bob
    And the app has users "carol"
    When I disable the group
    And I modify the group with:
      | description | changed |
    Then the response status is 403
    And the response error is "forbidden_op"
    And the error description is "group {group} is disabled: enable it before changing it"
    When I add carol to the group
    Then the response status is 403
    And the response error is "forbidden_op"
    When I mute everyone in the group
    Then the response status is 403
    When I ask for the group's details
    Then the response status is 200
    And the JSON at "data.0.description" does not contain "changed"
    And the JSON at "data.0.mute" is false
    And the group's owner is alice and its members are bob
    When I enable the group
    And I add carol to the group
    Then the response status is 200
    And carol is a member of the group

  @G-DIS-07
  Scenario: Disabling a disabled group, or enabling an enabled one, answers the resulting state
    Inferred: 200 with the resulting disabled value.

    Given a group owned by alice
    When I enable the group
    Then the response status is 200
    And the JSON at "data.disabled" is false
    When I disable the group
    And I disable the group
    Then the response status is 200
    And the JSON at "data.disabled" is true
