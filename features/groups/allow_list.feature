@groups @today
Feature: The group allow list (today's pages group_allowlist_*.md)

  @G-WHITE-01 @G-WHITE-02
  Scenario: The allow list holds the owner and the admins by default, with a count
    Inferred that they show in the list: the pages say they are on it by default.

    Given a group owned by alice with members bob and carol
    And bob is an admin of the group
    When I send "GET" to "/chatgroups/{group}/white/users"
    Then the response status is 200
    And the response is the success envelope
    And the JSON at "data" lists exactly "alice and bob"
    And the JSON at "count" is 2

  @G-WHITE-01
  Scenario: The allow list of a group that does not exist answers 404
    Given a group that does not exist
    When I send "GET" to "/chatgroups/{group}/white/users"
    Then the response status is 404
    And the response error is "resource_not_found"
    And the error description is "grpID {group} does not exist!"

  @G-WHITE-03
  Scenario: Adding one member answers the result, and the list shows them
    Given a group owned by alice with members bob and carol
    When I send "POST" to "/chatgroups/{group}/white/users/{carol}"
    Then the response status is 200
    And the response is the success envelope
    And the JSON at "data.result" is true
    And the JSON at "data.action" is "add_user_whitelist"
    And the JSON at "data.user" is "carol"
    And the JSON at "data.groupid" is "{group}"
    When I send "GET" to "/chatgroups/{group}/white/users"
    Then the JSON at "data" lists exactly "alice and carol"

  @G-WHITE-04
  Scenario: Only members can be allow-listed; a blocked user is not a member
    Given a group owned by alice with members bob and erin
    And the app has users "dave"
    And erin is blocked from the group
    When I send "POST" to "/chatgroups/{group}/white/users/{dave}"
    Then the response status is 403
    And the response error is "forbidden_op"
    And the error description is "users [{dave}] are not members of this group!"
    When I send "POST" to "/chatgroups/{group}/white/users/{erin}"
    Then the response status is 403
    And the error description is "users [{erin}] are not members of this group!"
    When I send "GET" to "/chatgroups/{group}/white/users"
    Then the JSON at "data" lists exactly "alice"
    When I send "POST" to "/chatgroups/999999999999999999/white/users/{bob}"
    Then the response status is 404
    And the error description is "grpID 999999999999999999 does not exist!"

  @G-WHITE-05 @doc-conflict
  Scenario: Adding several members answers one result each
    group_member.md@doc-v2 caps the batch at 60; the current page at 100, which the mock uses.

    Given a group owned by alice with members bob and carol
    When I send "POST" to "/chatgroups/{group}/white/users" with JSON:
      """
      {"usernames": ["{bob}", "{carol}"]}
      """
    Then the response status is 200
    And the response is the success envelope
    And the JSON at "data" has 2 items
    And the JSON at "data.0.result" is true
    And the JSON at "data.0.action" is "add_user_whitelist"
    And the JSON at "data.1.user" is "carol"
    When I send "GET" to "/chatgroups/{group}/white/users"
    Then the JSON at "data" lists exactly "alice, bob and carol"

  @G-WHITE-05 @doc-conflict
  Scenario: More than 100 users in one batch add is refused
    group_member.md@doc-v2 gives 60 and "usernames size is more than max limit : 60"; the mock
    uses the current page's 100.

    Given a group owned by alice with members bob
    When I send "POST" to "/chatgroups/{group}/white/users" breaking the spec (at most 100 users) with JSON:
      """
      {"usernames": ["u1","u2","u3","u4","u5","u6","u7","u8","u9","u10","u11","u12","u13","u14","u15","u16","u17","u18","u19","u20","u21","u22","u23","u24","u25","u26","u27","u28","u29","u30","u31","u32","u33","u34","u35","u36","u37","u38","u39","u40","u41","u42","u43","u44","u45","u46","u47","u48","u49","u50","u51","u52","u53","u54","u55","u56","u57","u58","u59","u60","u61","u62","u63","u64","u65","u66","u67","u68","u69","u70","u71","u72","u73","u74","u75","u76","u77","u78","u79","u80","u81","u82","u83","u84","u85","u86","u87","u88","u89","u90","u91","u92","u93","u94","u95","u96","u97","u98","u99","u100","u101"]}
      """
    Then the response status is 400
    And the response error is "invalid_parameter"
    And the error description is "usernames size is more than max limit : 100"
    When I send "GET" to "/chatgroups/{group}/white/users"
    Then the JSON at "data" lists exactly "alice"
    When I send "POST" to "/chatgroups/{group}/white/users" with JSON:
      """
      {"usernames": ["u1","u2","u3","u4","u5","u6","u7","u8","u9","u10","u11","u12","u13","u14","u15","u16","u17","u18","u19","u20","u21","u22","u23","u24","u25","u26","u27","u28","u29","u30","u31","u32","u33","u34","u35","u36","u37","u38","u39","u40","u41","u42","u43","u44","u45","u46","u47","u48","u49","u50","u51","u52","u53","u54","u55","u56","u57","u58","u59","u60","u61","u62","u63","u64","u65","u66","u67","u68","u69","u70","u71","u72","u73","u74","u75","u76","u77","u78","u79","u80","u81","u82","u83","u84","u85","u86","u87","u88","u89","u90","u91","u92","u93","u94","u95","u96","u97","u98","u99","{bob}"]}
      """
    Then the response status is 200
    And the JSON at "data" has 100 items
    When I send "GET" to "/chatgroups/{group}/white/users"
    Then the JSON at "data" lists exactly "alice and bob"

  @G-WHITE-06
  Scenario: In a batch, non-members get result false with a reason; all non-members gives 403
    Inferred, following G-MEM-09.

    Given a group owned by alice with members bob
    And the app has users "dave and erin"
    When I send "POST" to "/chatgroups/{group}/white/users" with JSON:
      """
      {"usernames": ["{bob}", "{dave}"]}
      """
    Then the response status is 200
    And the JSON at "data.0.result" is true
    And the JSON at "data.1.user" is "dave"
    And the JSON at "data.1.result" is false
    And the JSON at "data.1.reason" contains "{dave}"
    When I send "POST" to "/chatgroups/{group}/white/users" with JSON:
      """
      {"usernames": ["{dave}", "{erin}"]}
      """
    Then the response status is 403
    And the response error is "forbidden_op"
    When I send "GET" to "/chatgroups/{group}/white/users"
    Then the JSON at "data" lists exactly "alice and bob"

  @G-WHITE-07
  Scenario: Removing one or several users answers an array of results
    Given a group owned by alice with members bob, carol and dave
    When I send "POST" to "/chatgroups/{group}/white/users" with JSON:
      """
      {"usernames": ["{bob}", "{carol}", "{dave}"]}
      """
    And I send "DELETE" to "/chatgroups/{group}/white/users/{bob}"
    Then the response status is 200
    And the response is the success envelope
    And the JSON at "data.0.result" is true
    And the JSON at "data.0.action" is "remove_user_whitelist"
    And the JSON at "data.0.user" is "bob"
    When I send "DELETE" to "/chatgroups/{group}/white/users/{carol},{dave}"
    Then the response status is 200
    And the JSON at "data" has 2 items
    When I send "GET" to "/chatgroups/{group}/white/users"
    Then the JSON at "data" lists exactly "alice"

  @G-WHITE-07
  Scenario: Removal refuses more than 60 users, users not in the group, and a missing group
    Given a group owned by alice with members bob
    And the app has users "dave"
    When I send "DELETE" to "/chatgroups/{group}/white/users/u1,u2,u3,u4,u5,u6,u7,u8,u9,u10,u11,u12,u13,u14,u15,u16,u17,u18,u19,u20,u21,u22,u23,u24,u25,u26,u27,u28,u29,u30,u31,u32,u33,u34,u35,u36,u37,u38,u39,u40,u41,u42,u43,u44,u45,u46,u47,u48,u49,u50,u51,u52,u53,u54,u55,u56,u57,u58,u59,u60,u61" breaking the spec (at most 60 users)
    Then the response status is 400
    And the response error is "invalid_parameter"
    And the error description is "removeWhitelist size is more than max limit : 60"
    When I send "DELETE" to "/chatgroups/{group}/white/users/{dave}"
    Then the response status is 403
    And the response error is "forbidden_op"
    And the error description is "users [{dave}] are not members of this group!"
    When I send "DELETE" to "/chatgroups/999999999999999999/white/users/{bob}"
    Then the response status is 404
    And the response error is "resource_not_found"

  @G-WHITE-07
  Scenario: Removal takes exactly 60 users at once
    Given a group owned by alice with members fan1 to fan60
    When I send "POST" to "/chatgroups/{group}/white/users" with JSON:
      """
      {"usernames": ["{fan1}", "{fan2}", "{fan3}", "{fan4}", "{fan5}", "{fan6}", "{fan7}", "{fan8}", "{fan9}", "{fan10}", "{fan11}", "{fan12}", "{fan13}", "{fan14}", "{fan15}", "{fan16}", "{fan17}", "{fan18}", "{fan19}", "{fan20}", "{fan21}", "{fan22}", "{fan23}", "{fan24}", "{fan25}", "{fan26}", "{fan27}", "{fan28}", "{fan29}", "{fan30}", "{fan31}", "{fan32}", "{fan33}", "{fan34}", "{fan35}", "{fan36}", "{fan37}", "{fan38}", "{fan39}", "{fan40}", "{fan41}", "{fan42}", "{fan43}", "{fan44}", "{fan45}", "{fan46}", "{fan47}", "{fan48}", "{fan49}", "{fan50}", "{fan51}", "{fan52}", "{fan53}", "{fan54}", "{fan55}", "{fan56}", "{fan57}", "{fan58}", "{fan59}", "{fan60}"]}
      """
    Then the response status is 200
    When I send "DELETE" to "/chatgroups/{group}/white/users/{fan1},{fan2},{fan3},{fan4},{fan5},{fan6},{fan7},{fan8},{fan9},{fan10},{fan11},{fan12},{fan13},{fan14},{fan15},{fan16},{fan17},{fan18},{fan19},{fan20},{fan21},{fan22},{fan23},{fan24},{fan25},{fan26},{fan27},{fan28},{fan29},{fan30},{fan31},{fan32},{fan33},{fan34},{fan35},{fan36},{fan37},{fan38},{fan39},{fan40},{fan41},{fan42},{fan43},{fan44},{fan45},{fan46},{fan47},{fan48},{fan49},{fan50},{fan51},{fan52},{fan53},{fan54},{fan55},{fan56},{fan57},{fan58},{fan59},{fan60}"
    Then the response status is 200
    And the JSON at "data" has 60 items
    And the JSON at "data.59.result" is true
    When I send "GET" to "/chatgroups/{group}/white/users"
    Then the JSON at "data" lists exactly "alice"

  @G-WHITE-09
  Scenario: Adding twice is a success; removing a member not on the list gives result false
    Inferred: the pages do not say.

    Given a group owned by alice with members bob and carol
    When I send "POST" to "/chatgroups/{group}/white/users/{bob}"
    And I send "POST" to "/chatgroups/{group}/white/users/{bob}"
    Then the response status is 200
    And the JSON at "data.result" is true
    When I send "DELETE" to "/chatgroups/{group}/white/users/{carol}"
    Then the response status is 200
    And the JSON at "data.0.result" is false
    When I send "GET" to "/chatgroups/{group}/white/users"
    Then the JSON at "data" lists exactly "alice and bob"

  @G-WHITE-09
  Scenario: A member who is removed or blocked leaves the allow list
    Inferred: only members can be on it.

    Given a group owned by alice with members bob and carol
    When I send "POST" to "/chatgroups/{group}/white/users" with JSON:
      """
      {"usernames": ["{bob}", "{carol}"]}
      """
    And I remove bob from the group
    And I block carol from the group
    And I send "GET" to "/chatgroups/{group}/white/users"
    Then the JSON at "data" lists exactly "alice"
