@groups @observed
Feature: Groups as the real service answers
  Answers the real service gave (catalogue part O, behaviours-observed.md) where the documents
  say otherwise or say nothing, and requests real client SDKs send that the service accepts.
  Where a scenario overrides a document row it is tagged @doc-conflict and names the
  documents' reading.

  @O-02 @G-GRP-06
  Scenario Outline: Creating a group without "<field>" answers invalid_parameter "<message>"
    The documents give no message; these are the service's own words.

    When I create a group owned by alice without "<field>"
    Then the response status is 400
    And the response error is "invalid_parameter"
    And the response exception is "com.easemob.group.exception.InvalidParameterException"
    And the error description is "<message>"
    And alice is in 0 groups according to their joined list

    Examples:
      | field  | message                          |
      | public | group must contain public field! |
      | owner  | owner must be provided           |

  @O-02 @G-MEM-05
  Scenario: Any other bad group request answers invalid_parameter naming the field and the rule
    Given a group owned by alice with members bob
    When I add fan1 to fan61 to the group in one call
    Then the response status is 400
    And the response error is "invalid_parameter"
    And the response exception is "com.easemob.group.exception.InvalidParameterException"
    And the error description contains "usernames"
    And the error description contains "maxItems"
    And the group's owner is alice and its members are bob

  @O-04 @G-ADM-02
  Scenario: Promoting a registered user who is not in the group answers 404
    The documents give no status for a non-member (the mock answered 403 before); the service
    answers 404 resource_not_found.

    Given a group owned by alice with members bob
    And the app has users "carol"
    When I make carol an admin of the group
    Then the response status is 404
    And the response error is "resource_not_found"
    And the error description is "user: {carol} doesn't exist in group: {group}"
    And the group's admins are nobody
    And carol is not a member of the group

  @O-05 @G-ADM-03
  Scenario: Demoting a member who is not an admin answers 403 in the service's words
    Given a group owned by alice with members bob and carol
    And carol is an admin of the group
    When I demote bob from admin of the group
    Then the response status is 403
    And the response error is "forbidden_op"
    And the error description is "user:{bob} is not admin of group:{group}"
    And the group's admins are carol
    And bob is a member of the group

  @O-06 @G-MUTE-01 @doc-conflict
  Scenario: Muting a registered user who is not a member answers 400 invalid_parameter
    Other reading: the mock answered 403 forbidden_op for a non-member (the documents give no
    status). The service answers 400 invalid_parameter with 002's not-a-member words.

    Given a group owned by alice with members bob
    And the app has users "carol"
    When I mute bob and carol in the group for 60000 ms
    Then the response status is 400
    And the response error is "invalid_parameter"
    And the error description is "users [{carol}] are not members of this group!"
    And the group's mute list is empty

  @O-08 @G-GRP-06
  Scenario: maxusers may be sent as a numeric string on create and modify
    The service accepts "200" for chatrooms; that groups take it too is inferred.

    Given the app has users "alice"
    When I create a group with:
      | groupname | by the string |
      | desc      | seats         |
      | public    | true          |
      | owner     | alice         |
      | maxusers  | "300"         |
    Then the group is created
    And the group's details show:
      | maxusers | 300 |
    When I modify the group with:
      | maxusers | "500" |
    Then the response status is 200
    And the JSON at "data.maxusers" is true
    And the group's details show:
      | maxusers | 500 |

  @O-08 @G-GRP-06
  Scenario: maxusers as a numeric string out of range is refused as the number would be
    Given the app has users "alice"
    When I create a group with:
      | groupname | too big |
      | desc      | seats   |
      | public    | true    |
      | owner     | alice   |
      | maxusers  | "2001"  |
    Then the response status is 400
    And the response error is "invalid_parameter"
    And the error description contains "maxusers"
    And alice is in 0 groups according to their joined list

  @O-10 @G-GRP-04
  Scenario: Group details without owner and with scale are accepted by the contract
    The service was seen answering details without owner (2021) and with scale "normal". The
    mock keeps sending owner.

    Given a group owned by alice with members bob
    When I ask for the group's details
    Then the response status is 200
    And the JSON at "data.0.owner" is "alice"
    And the contract accepts this 200 answer to "GET /chatgroups/{group}":
      """
      {"action": "get", "application": "8be024f0-e978-11e8-b697-5d598d5f8402",
       "uri": "http://a1.easemob.com/easemob-demo/testapp/chatgroups/{group}", "entities": [],
       "data": [{"id": "{group}", "name": "g", "description": "d", "membersonly": false,
                 "allowinvites": false, "maxusers": 200, "created": 1542361730243, "custom": "",
                 "affiliations_count": 1, "affiliations": [{"owner": "{alice}"}], "public": true,
                 "scale": "normal"}],
       "timestamp": 1542361730243, "duration": 0, "organization": "easemob-demo",
       "applicationName": "testapp", "count": 1}
      """

  @O-11 @G-GRP-06
  Scenario: A group may be created with "description" instead of "desc"
    Today's public pages name the field description, and client SDKs send it.

    Given the app has users "alice"
    When I create a group with:
      | groupname   | by today's name   |
      | description | sent as described |
      | public      | true              |
      | owner       | alice             |
    Then the group is created
    And the group's details show:
      | description | sent as described |

  @O-11 @G-GRP-06
  Scenario: With both "desc" and "description", desc wins
    That desc wins is inferred.

    Given the app has users "alice"
    When I create a group with:
      | groupname   | both names |
      | desc        | the desc   |
      | description | the other  |
      | public      | true       |
      | owner       | alice      |
    Then the group is created
    And the group's details show:
      | description | the desc |

  @O-12 @G-GRP-01
  Scenario: An empty cursor= is the first page of groups
    Client SDKs send cursor= on the first call; that the service takes it as the first page is
    inferred.

    Given a group owned by alice
    And another group "second" owned by alice
    And another group "third" owned by alice
    When I list the app's groups 2 at a time, with an empty cursor
    Then the response status is 200
    And the JSON at "data" has 2 items
    And the JSON at "cursor" exists

  @O-13 @G-MUTE-01
  Scenario: A group mute's duration is in milliseconds
    Given a group owned by alice with members bob
    When I mute bob in the group for 86400000 ms
    Then the response status is 200
    And every mute in the answer ends 86400000 ms after the answer's timestamp
