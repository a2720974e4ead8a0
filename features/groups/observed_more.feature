@groups @observed
Feature: Groups as the real service answers, round three
  Answers of the real service and requests of real client SDKs that the earlier rounds did not
  reach (catalogue part O continued, behaviours-observed-more.md, O-14 to O-23). Where a
  scenario overrides a document row it is tagged @doc-conflict and names the documents'
  reading. O-14 (mute-all answers "put") is in mute_all.feature.

  @O-15 @G-GRP-01 @G-MEM-03
  Scenario: One trailing slash routes as the path without it
    A Node client whose tests ran against the live service calls GET /chatgroups/ and
    POST /chatgroups/{id}/users/.

    Given a group owned by alice with members bob
    And the app has users "carol"
    When I send "GET" to "/chatgroups/?limit=100"
    Then the response status is 200
    And the response is the success envelope
    And the JSON at "data" has an item whose "groupid" is "{group}"
    When I send "POST" to "/chatgroups/{group}/users/" with JSON:
      """
      {"usernames": ["{carol}"]}
      """
    Then the response status is 200
    And the response is the success envelope
    And the new members are exactly carol
    And the group's owner is alice and its members are bob and carol

  @O-15 @G-BLK-02 @G-BLK-01
  Scenario: The block list takes a trailing slash on POST and GET
    Given a group owned by alice with members bob and carol
    When I send "POST" to "/chatgroups/{group}/blocks/users/" with JSON:
      """
      {"usernames": ["{bob}"]}
      """
    Then the response status is 200
    And the JSON at "data.0.result" is true
    When I send "GET" to "/chatgroups/{group}/blocks/users/"
    Then the response status is 200
    And the JSON at "data" lists exactly "bob"
    And bob is not a member of the group

  @O-15 @G-GRP-04 @G-GRP-10
  Scenario: Group details and modify take a trailing slash
    Inferred for every path: the service's framework matches one trailing slash.

    Given a group owned by alice
    When I send "GET" to "/chatgroups/{group}/"
    Then the response status is 200
    And the JSON at "data.0.id" is "{group}"
    When I send "PUT" to "/chatgroups/{group}/" with JSON:
      """
      {"groupname": "renamed"}
      """
    Then the response status is 200
    And the JSON at "data.groupname" is true
    And the group's details show:
      | name | renamed |

  @O-16 @G-GRP-06 @doc-conflict
  Scenario: The owner listed among the members stays the owner, counted once
    Other reading: G-GRP-06 says the members exclude the owner, and the mock refused such a
    list with 400. 000 only says the owner need not be listed; a Node client's live tests list
    it and read data.groupid.

    Given the app has users "alice, bob"
    When I create a group with:
      | groupname | g             |
      | desc      | owner twice   |
      | public    | true          |
      | owner     | alice         |
      | members   | alice and bob |
    Then the group is created
    And the group's owner is alice and its members are bob
    And the group's details show:
      | affiliations_count | 2     |
      | owner              | alice |
    And alice is in 1 group according to their joined list

  @O-18 @G-GRP-06 @doc-conflict
  Scenario: An empty member list creates a group with only its owner
    Other reading: G-GRP-06's "at least 1 element if present", which the mock answered with 400.
    The service takes an empty list on chatroom create; that groups do too is inferred.

    When I create a group owned by alice with an empty member list
    Then the group is created
    And the group's owner is alice and its members are nobody
    And the group's details show:
      | affiliations_count | 1 |

  @O-18 @G-GRP-06 @doc-conflict
  Scenario: A null member list creates a group with only its owner
    Other reading: the contract refused null (a Go SDK's zero value).

    Given the app has users "alice"
    When I create a group owned by alice with "members" written as null
    Then the response status is 200
    And the group's owner is alice and its members are nobody

  @O-19 @G-GRP-10
  Scenario: Modify takes custom, public and invite_need_confirm, and details show them
    Today's modify-group table lists them; the service's PHP SDK and a Go SDK send custom.

    Given a group owned by alice with members bob
    When I modify the group with:
      | custom              | level=3 |
      | public              | false   |
      | invite_need_confirm | false   |
    Then the response status is 200
    And the response is the success envelope
    And the JSON at "data.custom" is true
    And the JSON at "data.public" is true
    And the JSON at "data.invite_need_confirm" is true
    And the JSON at "data" has exactly the keys "custom", "public" and "invite_need_confirm"
    And the group's details show:
      | custom              | level=3 |
      | public              | false   |
      | invite_need_confirm | false   |

  @O-19 @G-GRP-10
  Scenario Outline: A group's custom is at most 1,024 characters: <size> is <outcome>
    Given a group owned by alice
    When I modify the group's custom to a text of <size> characters
    Then the response status is <status>
    And the group's custom is the text of <kept> characters

    Examples:
      | size | outcome  | status | kept |
      | 1024 | accepted | 200    | 1024 |
      | 1025 | refused  | 400    | 0    |

  @O-20 @C-03
  Scenario: Every envelope carries an empty properties object and echoes its query in params
    Today's service (2026) adds properties {} to every answer, errors included, and echoes the
    query string with each value a list of strings.

    Given a group owned by alice with members bob
    When I list the app's groups 2 at a time
    Then the response status is 200
    And the answer carries an empty "properties" object
    And the JSON at "params.limit" has 1 item
    And the JSON at "params.limit.0" is "2"
    When I list the group's members, page 1 with 20 per page
    Then the response status is 200
    And the answer carries an empty "properties" object
    And the JSON at "params.pagenum.0" is "1"
    And the JSON at "params.pagesize.0" is "20"
    When I add bob to the group
    Then the response status is 403
    And the response has the service's error shape
    And the answer carries an empty "properties" object

  @O-21 @G-GRP-04
  Scenario: Group details carry avatar, disabled and shieldgroup
    Given a group owned by alice with members bob
    When I ask for the group's details
    Then the response status is 200
    And the JSON at "data.0.avatar" is ""
    And the JSON at "data.0.disabled" is false
    And the JSON at "data.0.shieldgroup" is false
    And the JSON at "data.0.affiliations.0" has exactly the keys "owner"

  @O-21 @G-GRP-04
  Scenario: With joined_time=true each affiliation says when the user joined
    The owner's is the group's creation; a member's, when the member was added. version=v3 is
    accepted and answers the same shape.

    Given a group owned by alice with members bob
    And the app has users "carol"
    And 1100 ms have passed
    When I add carol to the group
    Then the response status is 200
    When I ask for the group's details with each member's joined_time
    Then the response status is 200
    And the JSON at "data.0.affiliations.0" has exactly the keys "owner" and "joined_time"
    And the JSON at "data.0.affiliations.0.owner" is "alice"
    And the joined_time of alice and bob is the group's creation
    And the joined_time of carol is at least 1000 ms after the group's creation
    And the JSON at "params.version.0" is "v3"
