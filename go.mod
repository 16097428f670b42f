module github.com/orgplan/orgplan

go 1.26.8
