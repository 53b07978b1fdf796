// The search text pipeline takes this place (issue 12): the index branch ships only this stand-in.
